"""Publish → visible, and end → gone, for alerts on a running server, through its caches.

Usage (the server and this script share the database and the Redis cache):
    DATABASE_URL=… REDIS_URL=… DJANGO_SETTINGS_MODULE=cms.settings.dev \
        python bench/alerts/run.py http://127.0.0.1:8640 hcm.localhost:8640 [trials]

Each trial first requests the three surfaces (so the API's cache holds answers without the
alert), then publishes an alert of the host's department in this process and polls
`/api/alerts/`, `/api/department/` and the home page `/vi/` until each shows it: the time from
`publish()` returning (committed) to the first response holding the alert. Then an alert ending
1.5 s later is published, the surfaces are cached with it, and polled until it is gone: how long
after `ends_at` each surface still showed it. Bounded: 5 s per trial at most, no sleeps.
"""

from __future__ import annotations

import datetime
import os
import statistics
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django

django.setup()

from django.utils import timezone  # noqa: E402

from cms.alerts.models import Alert, Severity  # noqa: E402
from sites.models import Department  # noqa: E402

SURFACES = {"api/alerts": "/api/alerts/", "api/department": "/api/department/", "page": "/vi/"}
LIMIT_SECONDS = 5.0


def fetch(server: str, host: str, path: str) -> str:
    request = urllib.request.Request(server + path, headers={"Host": host})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def poll(server: str, host: str, marker: str, present: bool, since: float) -> dict[str, float]:
    """Seconds from `since` until each surface first shows (or stops showing) `marker`."""
    found: dict[str, float] = {}
    while len(found) < len(SURFACES) and time.monotonic() - since < LIMIT_SECONDS:
        for name, path in SURFACES.items():
            if name not in found and (marker in fetch(server, host, path)) == present:
                found[name] = time.monotonic() - since
    return found


def publish(department: Department, title: str, ends_at: datetime.datetime | None) -> Alert:
    alert = Alert(
        department=department,
        title=title,
        title_en=title,
        severity=Severity.WARNING,
        starts_at=timezone.now() - datetime.timedelta(seconds=1),
        ends_at=ends_at,
        live=False,
    )
    alert.save()
    alert.save_revision().publish()
    return alert


def summary(name: str, values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p95 = ms[max(0, round(0.95 * len(ms)) - 1)]
    return (
        f"{name:16} n={len(ms):3}  p50 {statistics.median(ms):7.1f} ms  p95 {p95:7.1f} ms  "
        f"max {ms[-1]:7.1f} ms"
    )


def main() -> None:
    server = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8640"
    host = sys.argv[2] if len(sys.argv) > 2 else "hcm.localhost:8640"
    trials = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    department = Department.objects.get(site__hostname=host.split(":")[0])
    shown: dict[str, list[float]] = {name: [] for name in [*SURFACES, "all three"]}
    gone: dict[str, list[float]] = {name: [] for name in [*SURFACES, "all three"]}
    misses = 0
    for trial in range(trials):
        for path in SURFACES.values():
            fetch(server, host, path)
        marker = f"Bench cảnh báo {os.getpid()}-{trial}"
        alert = publish(department, marker, None)
        started = time.monotonic()
        found = poll(server, host, marker, True, started)
        misses += len(SURFACES) - len(found)
        for name, seconds in found.items():
            shown[name].append(seconds)
        if len(found) == len(SURFACES):
            shown["all three"].append(max(found.values()))
        alert.delete()

        marker = f"Bench hết hạn {os.getpid()}-{trial}"
        ends_at = timezone.now() + datetime.timedelta(seconds=1.5)
        alert = publish(department, marker, ends_at)
        for path in SURFACES.values():
            fetch(server, host, path)  # cached while the alert shows
        while timezone.now() < ends_at:
            fetch(server, host, SURFACES["api/alerts"])
        ended = time.monotonic() - (timezone.now() - ends_at).total_seconds()
        left = poll(server, host, marker, False, ended)
        misses += len(SURFACES) - len(left)
        for name, seconds in left.items():
            gone[name].append(seconds)
        if len(left) == len(SURFACES):
            gone["all three"].append(max(left.values()))
        alert.delete()
    lines = [f"{trials} trials against {server} (Host {host}); surfaces missed: {misses}"]
    lines.append("publish → visible:")
    lines += ["  " + summary(name, values) for name, values in shown.items() if values]
    lines.append("end → gone (after ends_at):")
    lines += ["  " + summary(name, values) for name, values in gone.items() if values]
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
