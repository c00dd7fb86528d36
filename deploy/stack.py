"""The production stack on one machine: gunicorn behind Varnish (`make stack`; bench/stack uses it).

    make stack                      # the demo on http://localhost:8080/ (PORT overrides)
    PORT=8650 DATABASE_URL=postgres://... REDIS_URL=redis://... make stack

Varnish listens on 127.0.0.1:PORT with deploy/varnish/portal.vcl, in front of gunicorn
(`cms.wsgi`, production settings, gthread 2 × 4) on 127.0.0.1:PORT+1; changes purge Varnish
by surrogate key (PROXY_PURGE_URLS points at it). PostgreSQL and Redis come from DATABASE_URL
and REDIS_URL. Everything stops on Ctrl-C or when any process ends.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VCL_DIR = ROOT / "deploy" / "varnish"
NGINX_CONF = ROOT / "deploy" / "nginx" / "portal.conf"
BIN = Path(sys.executable).parent


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"nothing listens on 127.0.0.1:{port} after {seconds:.0f} s")


def gunicorn(
    port: int, env: dict[str, str], *, workers: int = 2, threads: int = 4, app: str = "cms.wsgi"
) -> subprocess.Popen:
    """gthread workers × threads; keep-alive to the proxy in front (it reuses its connections)."""
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            app,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--keep-alive",
            "75",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )


def varnish(port: int, backend_port: int, workdir: Path, memory: str = "256m") -> subprocess.Popen:
    """varnishd in the foreground with the repository's rules, in front of 127.0.0.1:backend_port."""
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(varnishd).exists():
        raise SystemExit("varnishd is not installed (Debian: apt-get install varnish)")
    main = workdir / "main.vcl"
    main.write_text(
        (VCL_DIR / "default.vcl").read_text().replace('"8000"', f'"{backend_port}"'),
        encoding="utf-8",
    )
    return subprocess.Popen(
        [
            varnishd,
            "-F",
            "-j",
            "none",
            "-n",
            str(workdir / "varnish"),
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(main),
            "-p",
            f"vcl_path={VCL_DIR}",
            "-s",
            f"malloc,{memory}",
            "-T",
            "none",
        ],
        stdout=subprocess.DEVNULL,
    )


def nginx(port: int, upstream_port: int, static_root: Path, workdir: Path) -> subprocess.Popen:
    """nginx (deploy/nginx/portal.conf): /static/ from disk, the rest to gunicorn with keep-alive."""
    conf = workdir / "nginx.conf"
    conf.write_text(
        NGINX_CONF.read_text()
        .replace("listen 127.0.0.1:8080", f"listen 127.0.0.1:{port}")
        .replace("server 127.0.0.1:8000", f"server 127.0.0.1:{upstream_port}")
        .replace("/srv/portal/static/", f"{static_root}/")
        .replace("/run/portal/", f"{workdir}/"),
        encoding="utf-8",
    )
    return subprocess.Popen(
        [
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-p",
            str(workdir),
            "-c",
            str(conf),
            "-g",
            "daemon off;",
        ]
    )


def task_worker(env: dict[str, str]) -> subprocess.Popen:
    """The task worker (production's TASKS_BACKEND=database): purges, search index, e-mails,
    webhooks. It looks for new tasks every 0.2 s, so a purge follows a publish at once."""
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
    )


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def main() -> None:
    port = int(os.environ.get("PORT") or 8080)
    app_port = port + 1
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": os.environ.get("ALLOWED_HOSTS") or "localhost,.localhost",
        # Served on plain http on this machine (a TLS terminator goes in front in production).
        "SECURE_SSL_REDIRECT": os.environ.get("SECURE_SSL_REDIRECT", "false"),
        "SECURE_HSTS_SECONDS": os.environ.get("SECURE_HSTS_SECONDS", "0"),
        "WAGTAILADMIN_BASE_URL": f"http://localhost:{port}",
        "PROXY_PURGE_URLS": f"http://127.0.0.1:{port}/",
        "PORT": str(port),
    }
    manage = [sys.executable, "manage.py"]
    # Nothing is cached before Varnish starts: the setup sends no purges.
    setup_env = {**env, "PROXY_PURGE_URLS": ""}
    for command in (
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput", "-v", "0"],
        ["seed_demo", "--port", str(port)],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=setup_env, check=True)
    workdir = Path(tempfile.mkdtemp(prefix="portal-stack-"))
    processes = [gunicorn(app_port, env), task_worker(env)]
    try:
        wait_for(app_port)
        processes.append(varnish(port, app_port, workdir))
        wait_for(port)
        out(f"The demo through Varnish: http://localhost:{port}/ (gunicorn on {app_port})")
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        while all(process.poll() is None for process in processes):
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        stop(processes)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
