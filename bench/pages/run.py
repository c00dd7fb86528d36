"""Page weight and server time of the home page and a news article on a running server.

Usage: python bench/pages/run.py [server] [host]  (default http://127.0.0.1:8000 hcm.localhost:8000)
Reports HTML+CSS+JS bytes (images excluded; target < 100 KB) and the median server time.
"""

import re
import statistics
import sys
import time
import urllib.request

RUNS = 20


def fetch(server: str, host: str, path: str) -> tuple[bytes, float]:
    request = urllib.request.Request(server + path, headers={"Host": host})
    started = time.perf_counter()
    with urllib.request.urlopen(request) as response:
        body = response.read()
    return body, time.perf_counter() - started


def measure(server: str, host: str, path: str) -> str:
    html, _ = fetch(server, host, path)
    assets = re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html)
    asset_bytes = sum(len(fetch(server, host, a.decode())[0]) for a in set(assets))
    times = [fetch(server, host, path)[1] * 1000 for _ in range(RUNS)]
    total = (len(html) + asset_bytes) / 1024
    return (
        f"{path}: HTML {len(html) / 1024:.1f} KB + CSS/JS {asset_bytes / 1024:.1f} KB = "
        f"{total:.1f} KB; median {statistics.median(times):.1f} ms over {RUNS} requests"
    )


def main() -> None:
    server = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
    host = sys.argv[2] if len(sys.argv) > 2 else "hcm.localhost:8000"
    home, _ = fetch(server, host, "/vi/")
    article = re.search(rb'href="(/vi/tin-tuc/[^"]+/)"', home)
    lines = [measure(server, host, "/vi/")]
    if article:
        lines.append(measure(server, host, article.group(1).decode()))
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
