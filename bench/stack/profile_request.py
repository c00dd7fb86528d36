"""Where a request's fixed cost goes: cProfile of the full WSGI stack, in-process, no network.

    .venv/bin/python bench/stack/profile_request.py [--requests 2000] [--path /bench/constant/] [--host H]

Uses bench/stack's database and Redis (run bench/stack/run.py once first) and `bench.api.settings`
(the portal's middleware, persistent connections, the Redis cache). Prints the mean time per
request and the top functions by cumulative and by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def out(line: str = "") -> None:
    sys.stdout.write(line + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--path", default="/bench/constant/")
    parser.add_argument("--host", default="ba01.bench.localhost")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.api.settings")
    os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/proxy_stack_bench")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/9")
    os.environ.setdefault("CONN_MAX_AGE", "60")
    os.environ.setdefault("MEDIA_ROOT", str(ROOT / "var" / "bench-api-media"))

    import django
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection, reset_queries

    django.setup()
    handler = WSGIHandler()
    path, _, query = args.path.partition("?")

    def request() -> int:
        status = []
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80",
            "HTTP_HOST": args.host,
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.version": (1, 0),
            "wsgi.multithread": True,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }
        body = handler(environ, lambda s, h, *a: status.append(s))
        b"".join(body)
        body.close()
        return int(status[0].split()[0])

    for _ in range(50):  # warm: connections, caches, templates
        status = request()
        assert status == 200, (args.path, status)
    connection.force_debug_cursor = True
    reset_queries()
    request()
    queries = len(connection.queries)
    connection.force_debug_cursor = False
    started = time.perf_counter()
    for _ in range(args.requests):
        request()
    plain = (time.perf_counter() - started) / args.requests
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(args.requests):
        request()
    profiler.disable()
    out(f"{args.path}: {plain * 1000:.3f} ms per request unprofiled, {queries} SQL queries")
    for order in ("cumulative", "tottime"):
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(order).print_stats(args.top)
        out(text.getvalue())


if __name__ == "__main__":
    main()
