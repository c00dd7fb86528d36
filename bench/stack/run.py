"""The whole delivery stack under wrk, one command, one run (never part of `make test`).

    .venv/bin/python bench/stack/run.py                    # 10 departments × 2 languages × 150
    .venv/bin/python bench/stack/run.py --seconds 15 --departments 10 --articles 150

Data: bench/api's generator, in its own database (BENCH_DATABASE_URL, default
postgres://postgres@127.0.0.1:5432/proxy_stack_bench); Redis db 9 (BENCH_REDIS_URL).
Processes (ports BENCH_PORT… , default 8650…): nginx (a static 1 KB file, and a keep-alive
reverse proxy to gunicorn), Varnish with deploy/varnish/ in front of the same gunicorn,
gunicorn gthread 2 × 4 with the portal (`bench.api.settings`: base settings, persistent
connections, the Redis cache, plus `/bench/constant/` and stock Wagtail API v2), and a second
gunicorn with a bare Django view (bench/stack/bare.py). wrk: 2 threads, 16 connections,
`--warmup` s discarded then `--seconds` s per scenario. For each: req/s, p50/p99, CPU ms per
request of every process group (from /proc), then SQL per request (one request in-process
under CaptureQueriesContext), publish → visible through the proxy (p95 of `--publishes`),
the ratios against the targets, and the machine's load (`uptime`) before and after.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.api import run as api_bench  # noqa: E402
from deploy import stack  # noqa: E402

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/proxy_stack_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/9"
LIST = "/api/news/?limit=20&fields=*&thumbnail_format=webp"
STOCK = "/bench/wagtail/pages/?type=news.NewsArticlePage&fields=*&limit=20"
BYPASS = {"Authorization": "Bearer bench-bypasses-the-cache"}
CLK_TCK = os.sysconf("SC_CLK_TCK")


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


# --- CPU of process groups, from /proc ---------------------------------------------------------


def _processes() -> dict[int, tuple[str, int, int]]:
    """pid → (command name, parent pid, utime + stime in ticks)."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        found[int(entry.name)] = (name, int(fields[1]), int(fields[11]) + int(fields[12]))
    return found


def _descendants(pid: int, table: dict[int, tuple[str, int, int]]) -> set[int]:
    tree = {pid}
    grew = True
    while grew:
        grew = False
        for child, (_name, parent, _ticks) in table.items():
            if parent in tree and child not in tree:
                tree.add(child)
                grew = True
    return tree


def cpu_snapshot(groups: dict[str, int]) -> dict[str, float]:
    """CPU seconds so far of each group (a process tree), postgres and redis (by name; a
    PostgreSQL backend that ends between two snapshots takes its time with it), and wrk (this
    process's finished children)."""
    table = _processes()
    seconds = {
        group: sum(table[p][2] for p in _descendants(pid, table) if p in table) / CLK_TCK
        for group, pid in groups.items()
    }
    for group, names in (("postgres", ("postgres",)), ("redis", ("redis-server",))):
        seconds[group] = sum(t for n, _pp, t in table.values() if n in names) / CLK_TCK
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds["wrk"] = children.ru_utime + children.ru_stime
    return seconds


# --- wrk -----------------------------------------------------------------------------------------


def wrk(
    port: int, paths: list[str], headers: dict[str, str], seconds: float, workdir: Path
) -> dict:
    script = workdir / "paths.lua"
    listed = ",\n".join(f'  "{path}"' for path in paths)
    script.write_text(
        f"local paths = {{\n{listed}\n}}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n"
        "  return wrk.format(nil, paths[(i % #paths) + 1])\nend\n"
    )
    command = ["wrk", "-t2", "-c16", f"-d{seconds:.0f}s", "--timeout", "10s", "--latency"]
    command += ["-s", str(script)]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{port}/")
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60).stdout

    def latency(label: str) -> float:
        match = re.search(rf"^\s+{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not match:
            return float("nan")
        value, unit = float(match[1]), match[2]
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    return {
        "rps": float(rate[1]) if rate else 0.0,
        "p50": latency("50"),
        "p99": latency("99"),
        "bad": int(non_2xx[1]) if non_2xx else 0,
        "socket_errors": errors[0] if errors else "",
        "requests": int(m[1]) if (m := re.search(r"(\d+) requests in", output)) else 0,
    }


def fetch(port: int, path: str, headers: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        connection.close()


# --- the run -------------------------------------------------------------------------------------


def scenarios(
    ports: dict[str, int], departments: list[dict]
) -> list[tuple[str, int, list[str], dict]]:
    """(name, port, paths, headers) of every measured scenario."""
    host = {"Host": departments[0]["host"]}
    articles = [
        (d["host"], f"/vi/tin-tuc/tin-{i}/") for d in departments[:1] for i in range(0, 150, 3)
    ]
    details = [f"/api/news/{pk}/" for pk in departments[0]["article_ids"][::3]]
    article_paths = [path for _host, path in articles]
    nginx, proxy = ports["nginx"], ports["varnish"]
    return [
        ("L: nginx static 1 KB file", nginx, ["/static/bench-1k.txt"], host),
        ("bare Django view", nginx, ["/bare/"], host),
        ("project constant view (full middleware)", nginx, ["/bench/constant/"], host),
        ("API list, server cache (Redis)", nginx, [LIST], host),
        ("API list, uncached", nginx, [LIST], {**host, **BYPASS}),
        ("API detail, server cache (50 ids)", nginx, details, host),
        ("API detail, uncached (50 ids)", nginx, details, {**host, **BYPASS}),
        ("stock Wagtail API v2, fields=*", nginx, [STOCK], host),
        ("stock Wagtail API v2, plain list", nginx, [STOCK.replace("&fields=*", "")], host),
        ("HTML home, uncached", nginx, ["/vi/"], host),
        ("HTML article, uncached (50 pages)", nginx, article_paths, host),
        ("proxy: API list", proxy, [LIST], host),
        ("proxy: HTML home", proxy, ["/vi/"], host),
        ("proxy: HTML article (50 pages)", proxy, article_paths, host),
    ]


def sql_per_request(departments: list[dict]) -> dict[str, int]:
    """Queries of one request of each kind, in-process (the cache warm where it would be)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=departments[0]["host"])
    article = f"/api/news/{departments[0]['article_ids'][7]}/"
    counts = {}
    for name, path, headers in (
        ("constant view", "/bench/constant/", {}),
        ("API list, cached", LIST, {}),
        ("API list, uncached", LIST, {"HTTP_AUTHORIZATION": BYPASS["Authorization"]}),
        ("API detail, uncached", article, {"HTTP_AUTHORIZATION": BYPASS["Authorization"]}),
        ("stock v2 fields=*", STOCK, {}),
        ("HTML home", "/vi/", {}),
        ("HTML article", "/vi/tin-tuc/tin-7/", {}),
    ):
        client.get(path, **headers)  # warm (site cache, renditions, API cache)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, **headers)
        counts[name] = len(queries) if response.status_code == 200 else -response.status_code
    return counts


def publish_to_visible(port: int, departments: list[dict], times: int) -> list[float]:
    """Seconds from the start of a publish to the new title served through the proxy."""
    from cms.news.models import NewsArticlePage

    host = departments[0]["host"]
    article = NewsArticlePage.objects.get(pk=departments[0]["article_ids"][1])
    path = article.get_url_parts()[2]
    durations = []
    for n in range(times):
        fetch(port, path, {"Host": host})  # cached now
        title = f"Hải quan thông quan hàng hóa, bản {n} {time.time():.0f}"
        started = time.perf_counter()
        article.title = title
        article.save_revision().publish()
        while title.encode() not in fetch(port, path, {"Host": host})[1]:
            if time.perf_counter() - started > 30:
                raise SystemExit("a publish was not visible through the proxy after 30 s")
            time.sleep(0.005)
        durations.append(time.perf_counter() - started)
    return durations


def uptime() -> str:
    """`uptime` in UTC (the settings module sets TZ for this process's children)."""
    return subprocess.run(
        ["uptime"], capture_output=True, text=True, env={**os.environ, "TZ": "UTC"}
    ).stdout.strip()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--departments", type=int, default=10)
    parser.add_argument("--articles", type=int, default=150, help="per department and language")
    parser.add_argument("--seconds", type=float, default=10.0, help="measured, per scenario")
    parser.add_argument("--warmup", type=float, default=3.0, help="discarded, per scenario")
    parser.add_argument("--publishes", type=int, default=20)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8650")))
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    parser.add_argument("--only", default="", help="run only scenarios whose name contains this")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")

    ports = {
        "nginx": args.port,
        "varnish": args.port + 1,
        "gunicorn": args.port + 2,
        "bare": args.port + 3,
    }
    env = {
        **api_bench.environment(args),
        "CONN_MAX_AGE": "60",
        "CONN_HEALTH_CHECKS": "true",
        "PROXY_PURGE_URLS": f"http://127.0.0.1:{ports['varnish']}/",
    }
    os.environ.update(env)
    api_bench.create_database(args.database_url)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    departments = api_bench.generate(args.departments, args.articles, out=open(os.devnull, "w"))

    workdir = Path(tempfile.mkdtemp(prefix="proxy-bench-stack-"))
    workdir.chmod(0o755)  # nginx's workers (nobody) read the static file
    static = workdir / "static"
    static.mkdir(mode=0o755)
    (static / "bench-1k.txt").write_text("x" * 1024)
    nginx_conf = (
        stack.NGINX_CONF.read_text()
        .replace(
            "        location / {",
            "        location /bare/ {\n"
            "            proxy_pass http://bare;\n"
            "            proxy_http_version 1.1;\n"
            '            proxy_set_header Connection "";\n'
            "        }\n"
            "        location / {",
        )
        .replace(
            "    upstream portal {",
            f"    upstream bare {{\n        server 127.0.0.1:{ports['bare']};\n"
            "        keepalive 32;\n    }\n\n    upstream portal {",
        )
    )
    bench_conf = workdir / "portal.conf"
    bench_conf.write_text(nginx_conf)
    stack.NGINX_CONF = bench_conf
    processes = {
        "gunicorn (portal)": stack.gunicorn(ports["gunicorn"], env),
        "gunicorn (bare)": stack.gunicorn(ports["bare"], env, app="bench.stack.bare:application"),
    }
    try:
        stack.wait_for(ports["gunicorn"])
        stack.wait_for(ports["bare"])
        processes["nginx"] = stack.nginx(ports["nginx"], ports["gunicorn"], static, workdir)
        processes["varnish"] = stack.varnish(ports["varnish"], ports["gunicorn"], workdir)
        stack.wait_for(ports["nginx"])
        stack.wait_for(ports["varnish"])
        load_before = uptime()
        groups = {name: process.pid for name, process in processes.items()}
        results = []
        for name, port, paths, headers in scenarios(ports, departments):
            if args.only and args.only not in name:
                continue
            status, body, _ = fetch(port, paths[0], headers)
            if status != 200:
                raise SystemExit(f"{name}: {paths[0]} answered {status}: {body[:300]!r}")
            wrk(port, paths, headers, args.warmup, workdir)
            before = cpu_snapshot(groups)
            result = wrk(port, paths, headers, args.seconds, workdir)
            after = cpu_snapshot(groups)
            requests = max(result["requests"], 1)
            result["cpu_ms"] = {
                group: (after[group] - before[group]) * 1000 / requests for group in after
            }
            result["name"] = name
            results.append(result)
            sys.stdout.write(
                f"{name:45s} {result['rps']:9.0f} req/s  p50 {result['p50']:7.1f}  "
                f"p99 {result['p99']:7.1f} ms  bad {result['bad']}\n"
            )
            sys.stdout.flush()
        load_after = uptime()
        sql = sql_per_request(departments)
        visible = publish_to_visible(ports["varnish"], departments, args.publishes)
    finally:
        stack.stop(list(processes.values()))
        shutil.rmtree(workdir, ignore_errors=True)
    report(args, results, sql, visible, load_before, load_after)


def report(args, results, sql, visible, load_before, load_after) -> None:
    by = {r["name"]: r["rps"] for r in results}
    groups = [
        "gunicorn (portal)",
        "gunicorn (bare)",
        "nginx",
        "varnish",
        "postgres",
        "redis",
        "wrk",
    ]
    out()
    out(
        f"Stack bench {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"{args.departments} departments × 2 languages × {args.articles} articles; "
        f"wrk 2 threads, 16 connections, {args.warmup:.0f} s warm-up + {args.seconds:.0f} s"
    )
    out(f"load before: {load_before}")
    out(f"load after:  {load_after}")
    out()
    out("| scenario | req/s | p50 ms | p99 ms | CPU ms/request: " + " / ".join(groups) + " |")
    out("|---|---|---|---|---|")
    for r in results:
        cpu = " / ".join(f"{r['cpu_ms'].get(g, 0):.2f}" for g in groups)
        bad = f" ({r['bad']} non-2xx)" if r["bad"] else ""
        out(f"| {r['name']}{bad} | {r['rps']:,.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {cpu} |")
    out()
    out("SQL queries per request: " + ", ".join(f"{k} {v}" for k, v in sql.items()))
    if visible:
        out(
            f"publish → visible through the proxy: p50 {statistics.median(visible) * 1000:.0f} ms, "
            f"p95 {percentile(visible, 95) * 1000:.0f} ms, max {max(visible) * 1000:.0f} ms "
            f"({len(visible)} publishes)"
        )

    def ratio(a: str, b: str) -> float | None:
        return by[a] / by[b] if by.get(a) and by.get(b) else None

    L = "L: nginx static 1 KB file"
    checks = [
        (
            "constant / bare ≥ 0.5",
            ratio("project constant view (full middleware)", "bare Django view"),
            0.5,
        ),
        (
            "cached API list / constant ≥ 0.8",
            ratio("API list, server cache (Redis)", "project constant view (full middleware)"),
            0.8,
        ),
        ("proxy HTML home / L ≥ 0.5", ratio("proxy: HTML home", L), 0.5),
        ("proxy HTML article / L ≥ 0.5", ratio("proxy: HTML article (50 pages)", L), 0.5),
        ("proxy API list / L ≥ 0.5", ratio("proxy: API list", L), 0.5),
        (
            "uncached API list / stock v2 fields=* ≥ 8",
            ratio("API list, uncached", "stock Wagtail API v2, fields=*"),
            8,
        ),
        (
            "uncached API list / stock v2 plain ≥ 3",
            ratio("API list, uncached", "stock Wagtail API v2, plain list"),
            3,
        ),
    ]
    out()
    for label, value, target in checks:
        if value is not None:
            out(f"{label}: {value:.2f} — {'met' if value >= target else 'MISSED'}")
    article = by.get("HTML article, uncached (50 pages)")
    if article:
        out(
            f"uncached HTML article ≥ 100 req/s: {article:.0f} — {'met' if article >= 100 else 'MISSED'}"
        )
    if visible:
        p95 = percentile(visible, 95)
        out(f"publish → visible p95 ≤ 1 s: {p95 * 1000:.0f} ms — {'met' if p95 <= 1 else 'MISSED'}")


if __name__ == "__main__":
    main()
