"""Lighthouse (mobile) on the demo served as in production: scores into bench/RESULTS.md.

Usage (from the repository root, after `cd bench/lighthouse && npm ci --no-audit --no-fund`):

    .venv/bin/python bench/lighthouse/run.py [--port 8610] [--reuse] [--department HCM]

1. Builds the demo in var/lighthouse/ (SQLite, media, static) with the production settings
   (`cms.settings.production`: DEBUG off, strict hosts, WhiteNoise's compressed manifest
   storage, `collectstatic`), unless `--reuse` finds it built already.
2. Serves it with the README's server line — gunicorn, gthread, 2 workers × 4 threads — on
   127.0.0.1 only; `bench/lighthouse/wsgi.py` serves media in the place of the reverse proxy.
   There is no TLS on the loopback, so `SECURE_SSL_REDIRECT=false` (Chromium treats
   `*.localhost` as a secure origin, as it would treat the HTTPS site).
3. Runs Lighthouse (bench/lighthouse/node_modules; `CHROME_PATH`, default /usr/bin/chromium,
   flags --headless --no-sandbox --disable-gpu; the mobile form factor and throttling, which
   are Lighthouse's defaults) on the seven page types in Vietnamese and English, prints a
   table and every audit below full marks, and writes the table between the markers in
   bench/RESULTS.md (with `uptime` before and after). JSON reports go to var/lighthouse/reports.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
WORK = ROOT / "var" / "lighthouse"
RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN = "<!-- lighthouse:begin -->"
END = "<!-- lighthouse:end -->"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
HOSTNAMES = {"HQ": "localhost", "HN": "hanoi.localhost", "HCM": "hcm.localhost"}


def environment(port: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=".localhost,localhost",
        DATABASE_URL=env.get("LIGHTHOUSE_DATABASE_URL", f"sqlite:///{WORK / 'db.sqlite3'}"),
        MEDIA_ROOT=str(WORK / "media"),
        STATIC_ROOT=str(WORK / "static"),
        SEARCH_INDEX_PREFIX=f"lighthouse_{port}_",
        SECURE_SSL_REDIRECT="false",
        WAGTAILADMIN_BASE_URL=f"http://localhost:{port}",
        PORT=str(port),
    )
    env.setdefault("REDIS_URL", "")
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def build(env: dict[str, str], port: int, reuse: bool) -> None:
    stamp = WORK / f"seeded-{port}"
    if reuse and stamp.exists():
        say("reusing", WORK)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        return
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "media").mkdir(parents=True)
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo", "--port", str(port))
    manage(env, "collectstatic", "--noinput", "-v", "0")
    stamp.touch()


def serve(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "bench.lighthouse.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--worker-class",
        "gthread",
        "--workers",
        "2",
        "--threads",
        "4",
        "--timeout",
        "120",
    ]
    log = open(WORK / "gunicorn.log", "ab")
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)


def get(url: str) -> str:
    """GET on the loopback with the site's Host (this resolver may not know `*.localhost`;
    Chromium maps every `*.localhost` name to the loopback itself)."""
    parts = urllib.parse.urlsplit(url)
    loopback = parts._replace(netloc=f"127.0.0.1:{parts.port}").geturl()
    request = urllib.request.Request(loopback, headers={"Host": parts.netloc})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read().decode()


def wait_until_up(url: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            get(url)
            return
        except (urllib.error.URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def first_link(html: str, pattern: str) -> str:
    match = re.search(rf'href="({pattern})"', html)
    if not match:
        raise SystemExit(f"no link matching {pattern!r} on the page")
    return match.group(1)


def pages(origin: str) -> list[tuple[str, str]]:
    """(label, path) of the seven page types, Vietnamese then English, found from the menus."""
    found: list[tuple[str, str]] = []
    for language, query in (("vi", "hoàn thuế"), ("en", "refund")):
        home = get(f"{origin}/{language}/")
        news = first_link(home, rf"/{language}/[a-z-]+/")
        for candidate in re.findall(rf'href="(/{language}/[a-z-]+/)"', home):
            if "tin-tuc" in candidate or "news" in candidate:
                news = candidate
                break
        news_html = get(origin + news)
        article = first_link(news_html, rf"{re.escape(news)}[a-z0-9-]+/")
        library = first_link(
            home, rf"/{language}/(?:thu-tuc-hanh-chinh|administrative-procedures)/"
        )
        library_html = get(origin + library)
        procedure = first_link(library_html, rf"{re.escape(library)}[0-9]+-[0-9]+/")
        documents = first_link(library_html, rf"{re.escape(library)}van-ban/")
        document = first_link(get(origin + documents), rf"{re.escape(documents)}[a-z0-9-]+/")
        qa = first_link(home, rf"/{language}/(?:hoi-dap|questions-and-answers)/")
        ask = first_link(get(origin + qa), rf"{re.escape(qa)}gui-cau-hoi/")
        search = f"/{language}/search/?q={urllib.parse.quote(query)}"
        for label, path in (
            ("home", f"/{language}/"),
            ("news article", article),
            ("news list", news),
            ("procedure", procedure),
            ("legal document", document),
            ("search", search),
            ("question form", ask),
        ):
            found.append((f"{label} ({language})", path))
    return found


def lighthouse(url: str, report: Path) -> dict[str, object]:
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        raise SystemExit(
            "Lighthouse is missing: cd bench/lighthouse && npm ci --no-audit --no-fund"
        )
    env = dict(os.environ)
    env.setdefault("CHROME_PATH", "/usr/bin/chromium")
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
            "--max-wait-for-load=60000",
        ],
        env=env,
        check=True,
    )
    return json.loads(report.read_text())


def below_full_marks(result: dict[str, object]) -> list[str]:
    """The audits that cost points: `category: id (score) title`."""
    audits = result["audits"]  # type: ignore[index]
    lines = []
    for category in CATEGORIES:
        for ref in result["categories"][category]["auditRefs"]:  # type: ignore[index]
            audit = audits[ref["id"]]  # type: ignore[index]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                display = audit.get("displayValue", "")
                lines.append(
                    f"{category}: {ref['id']} ({audit['score']}) {audit['title']} {display}"
                )
    return lines


def say(*parts: object, flush: bool = True) -> None:
    sys.stdout.write(" ".join(map(str, parts)) + "\n")
    if flush:
        sys.stdout.flush()


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8610)
    parser.add_argument("--department", default="HCM", choices=sorted(HOSTNAMES))
    parser.add_argument("--reuse", action="store_true", help="reuse a demo built before")
    parser.add_argument("--only", help="run only the pages whose label contains this")
    parser.add_argument("--no-write", action="store_true", help="do not touch bench/RESULTS.md")
    options = parser.parse_args()

    env = environment(options.port)
    build(env, options.port, options.reuse)
    (WORK / "reports").mkdir(exist_ok=True)
    origin = f"http://{HOSTNAMES[options.department]}:{options.port}"
    server = serve(env, options.port)
    try:
        wait_until_up(f"{origin}/vi/")
        targets = pages(origin)
        if options.only:
            targets = [(label, path) for label, path in targets if options.only in label]
        # Warm up once (renditions are made on the first view, as after a deploy).
        for _, path in targets:
            get(origin + urllib.parse.quote(path, safe="/?=&%"))
        load_before = uptime()
        rows = []
        for label, path in targets:
            name = re.sub(r"[^a-z]+", "-", label).strip("-")
            url = origin + urllib.parse.quote(path, safe="/?=&%")
            result = lighthouse(url, WORK / "reports" / f"{name}.json")
            scores = [round(100 * result["categories"][c]["score"]) for c in CATEGORIES]  # type: ignore[index]
            rows.append((label, path, scores))
            say(f"{label:26} {' '.join(f'{s:4}' for s in scores)}  {path}", flush=True)
            for line in below_full_marks(result):
                say("    " + line, flush=True)
        load_after = uptime()
    finally:
        server.terminate()
        server.wait(timeout=30)

    table = [
        "| page | path | Performance | Accessibility | Best Practices | SEO |",
        "|---|---|---|---|---|---|",
    ]
    table += [f"| {label} | `{path}` | {' | '.join(map(str, s))} |" for label, path, s in rows]
    say("\n".join(table))
    if not options.no_write and not options.only:
        block = "\n".join(
            [
                BEGIN,
                f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on "
                f"{origin} (Lighthouse mobile). Load before: `{load_before}`; "
                f"after: `{load_after}`.",
                "",
                *table,
                END,
            ]
        )
        text = RESULTS.read_text()
        if BEGIN in text:
            text = re.sub(rf"{BEGIN}.*?{END}", lambda _: block, text, flags=re.S)
        else:
            text += f"\n## Lighthouse, mobile (issue 16)\n\n{block}\n"
        RESULTS.write_text(text)


if __name__ == "__main__":
    main()
