"""Memory of a gunicorn worker while it makes renditions of the worst images the limits let in.

Never part of `make test`. One command, from the repository root:

    .venv/bin/python bench/renditions/run.py                 # one worker × 4 threads
    .venv/bin/python bench/renditions/run.py --workers 2     # the README's layout

It migrates its own SQLite database (BENCH_DATABASE_URL, default var/bench-renditions.sqlite3),
provisions HQ on localhost:BENCH_PORT (8202) and stores, through the model's upload checks, the
two worst images that pass them: an RGBA PNG of exactly IMAGE_MAX_PIXELS pixels, and an
animated GIF of IMAGE_MAX_FRAMES frames whose frames add up to IMAGE_MAX_PIXELS. Then, for each
scenario, it starts gunicorn (gthread) on 127.0.0.1 with the Redis cache (BENCH_REDIS_URL,
default db 13: the rendition lock is shared by the workers), deletes the image's renditions,
empties the cache, sends the scenario's first requests to /api/images/<id>/rendition/ (a 503
is retried after its Retry-After, as a client would) and reads the workers' VmHWM (peak
resident memory) and VmRSS from /proc, sampling VmRSS every 20 ms as well. Every request has a
timeout; the whole run takes a few minutes.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import struct
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = f"sqlite:///{ROOT / 'var' / 'bench-renditions.sqlite3'}"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
SIZES = ("thumbnail", "square", "medium", "large")
REQUEST_TIMEOUT = 180


def environment(args: argparse.Namespace, max_concurrent: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.renditions.settings",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "MEDIA_ROOT": str(ROOT / "var" / "bench-renditions-media"),
        "RENDITION_MAX_CONCURRENT": str(max_concurrent),
        "PYTHONPATH": str(ROOT),
    }


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def write_max_pixels_png(path: Path, pixels: int) -> None:
    """An RGBA PNG of at most `pixels` pixels, compressed row by row (never held in memory)."""
    width = math.isqrt(pixels)
    height = pixels // width
    row = b"\x00" + b"\x00\x00\x00\xff" * width
    compressor = zlib.compressobj(6)
    with path.open("wb") as out:
        out.write(b"\x89PNG\r\n\x1a\n")
        out.write(_png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)))
        data = bytearray()
        for _ in range(height):
            data += compressor.compress(row)
        data += compressor.flush()
        out.write(_png_chunk(b"IDAT", bytes(data)))
        out.write(_png_chunk(b"IEND", b""))


def write_max_frames_gif(path: Path, pixels: int, frames: int, noise: bool = True) -> None:
    """An animated GIF of `frames` frames adding up to at most `pixels` pixels.

    Noisy frames unless that makes the file larger than the upload limit; then plain ones.
    """
    from django.conf import settings

    from PIL import GifImagePlugin
    from PIL import Image as PILImage

    side = math.isqrt(pixels // frames)
    frame = PILImage.effect_noise((side, side), 80 if noise else 0).convert(
        "P", palette=PILImage.Palette.ADAPTIVE
    )
    palette = frame.getpalette()[: 256 * 3]
    encoded = b"".join(GifImagePlugin.getdata(frame))
    control = b"\x21\xf9\x04\x00\x0a\x00\x00\x00"
    screen = struct.pack("<6sHHBBB", b"GIF89a", side, side, 0xF7, 0, 0)
    with path.open("wb") as out:
        out.write(screen + bytes(palette).ljust(768, b"\x00"))
        for _ in range(frames):
            out.write(control + encoded)
        out.write(b";")
    if noise and path.stat().st_size > settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE:
        write_max_frames_gif(path, pixels, frames, noise=False)


def prepare(args: argparse.Namespace) -> dict:
    """Migrate, provision HQ on localhost:port and store the two images (idempotent)."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.files import File

    from wagtail.images import get_image_model

    from sites.provisioning import DepartmentSpec, provision_department

    department = provision_department(
        DepartmentSpec(
            code="HQ",
            name="Tổng cục Hải quan",
            name_en="General Department of Vietnam Customs",
            hostname="localhost",
            port=args.port,
            is_headquarters=True,
        )
    ).department
    Image = get_image_model()
    work = ROOT / "var" / "bench-renditions-sources"
    work.mkdir(parents=True, exist_ok=True)
    limit, frames = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS, settings.IMAGE_MAX_FRAMES
    images = {}
    for key, title, name, write in (
        ("png", "Ảnh lớn nhất được phép", "max-pixels.png", write_max_pixels_png),
        ("gif", "Ảnh động nhiều khung nhất", "max-frames.gif", write_max_frames_gif),
    ):
        title = f"{title} ({limit} px, {frames} khung)"
        image = Image.objects.filter(title=title, collection=department.collection).first()
        if image is None:
            path = work / name
            if key == "png":
                write(path, limit)
            else:
                write(path, limit, frames)
            with path.open("rb") as handle:
                started = time.monotonic()
                image = Image.objects.create(
                    title=title, file=File(handle, name=name), collection=department.collection
                )
                sys.stdout.write(f"stored {name} in {time.monotonic() - started:.1f} s\n")
        images[key] = {
            "id": image.pk,
            "width": image.width,
            "height": image.height,
            "bytes": image.file.size,
        }
    images["limits"] = {"pixels": limit, "frames": frames}
    return images


def reset(image_id: int) -> None:
    """Forget the image's renditions and every cached answer, so each request is a first one."""
    from django.core.cache import cache

    from wagtail.images import get_image_model

    image = get_image_model().objects.get(pk=image_id)
    image.renditions.all().delete()  # Wagtail's post_delete handler removes the files
    cache.clear()


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def memory(pid: int) -> dict[str, int]:
    values = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            values[key] = int(rest.split()[0]) // 1024  # MiB
    return values


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def request(port: int, path: str, results: list, start: threading.Barrier) -> None:
    """One client: asks, and after a 503 asks again after Retry-After, until 200 or timeout."""
    start.wait()
    began = time.monotonic()
    busy = 0
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
        connection.request("GET", path, headers={"Host": f"localhost:{port}"})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        if response.status == 503 and time.monotonic() - began < REQUEST_TIMEOUT:
            busy += 1
            time.sleep(float(response.getheader("Retry-After", "1")))
            continue
        results.append(
            {
                "status": response.status,
                "seconds": time.monotonic() - began,
                "busy": busy,
                "body": json.loads(body) if response.status != 200 else None,
            }
        )
        return


def wait_for(port: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/department/", headers={"Host": f"localhost:{port}"})
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{port} within {timeout} s")


def scenario(
    args: argparse.Namespace, name: str, image_id: int, sizes: list[str], cap: int
) -> dict:
    """Start a fresh server (fresh peak counters), make the first requests, read the peaks."""
    reset(image_id)
    python = Path(sys.executable)
    server = subprocess.Popen(
        [
            str(python.with_name("gunicorn")),
            "cms.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(args.threads),
            "--timeout",
            str(REQUEST_TIMEOUT),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment(args, cap),
    )
    try:
        wait_for(args.port)
        for _ in range(args.workers * args.threads):  # warm every worker the same way
            wait_for(args.port)
        pids = workers_of(server.pid)
        before = {pid: memory(pid) for pid in pids}
        sampled = dict.fromkeys(pids, 0)
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                for pid in pids:
                    sampled[pid] = max(sampled[pid], memory(pid)["VmRSS"])
                time.sleep(0.02)

        sampler = threading.Thread(target=sample)
        sampler.start()
        load_before = loadavg()
        results: list[dict] = []
        start = threading.Barrier(len(sizes))
        clients = [
            threading.Thread(
                target=request,
                args=(
                    args.port,
                    f"/api/images/{image_id}/rendition/?size={size}&format=webp",
                    results,
                    start,
                ),
            )
            for size in sizes
        ]
        began = time.monotonic()
        for client in clients:
            client.start()
        for client in clients:
            client.join(timeout=REQUEST_TIMEOUT + 30)
        elapsed = time.monotonic() - began
        time.sleep(0.5)
        done.set()
        sampler.join()
        after = {pid: memory(pid) for pid in pids}
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "name": name,
        "cap": cap,
        "statuses": sorted(r["status"] for r in results),
        "busy": sum(r["busy"] for r in results),
        "errors": [r["body"] for r in results if r["body"]],
        "seconds": elapsed,
        "baseline": max(before[pid]["VmRSS"] for pid in pids),
        "peak": max(after[pid]["VmHWM"] for pid in pids),
        "sampled": max(sampled.values()),
        "after": max(after[pid]["VmRSS"] for pid in pids),
        "load": f"{load_before} → {loadavg()}",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=1, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8202")))
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS))
    args = parser.parse_args()

    env = environment(args, 1)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    images = prepare(args)
    png, gif = images["png"]["id"], images["gif"]["id"]
    plan = [
        ("PNG, one request (large)", png, ["large"], 1),
        ("PNG, 4 concurrent first requests, same spec", png, ["large"] * 4, 1),
        ("PNG, 4 concurrent first requests, 4 specs", png, list(SIZES), 1),
        ("PNG, 4 specs, RENDITION_MAX_CONCURRENT=4 (no cap)", png, list(SIZES), 4),
        ("GIF, 4 concurrent first requests, same spec", gif, ["large"] * 4, 1),
        ("GIF, 4 concurrent first requests, 4 specs", gif, list(SIZES), 1),
    ]
    rows = []
    for name, image_id, sizes, cap in plan:
        row = scenario(args, name, image_id, sizes, cap)
        rows.append(row)
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    sys.stdout.write(json.dumps({"images": images, "workers": args.workers}) + "\n")
    sys.stdout.write(
        "\n| scenario | statuses | 503 retried | s | worker RSS before | peak (VmHWM) | RSS after | load |\n"
    )
    sys.stdout.write("|---|---|---|---|---|---|---|---|\n")
    for row in rows:
        sys.stdout.write(
            f"| {row['name']} | {', '.join(map(str, row['statuses']))} | {row['busy']} | "
            f"{row['seconds']:.1f} | {row['baseline']} MiB | **{row['peak']} MiB** | "
            f"{row['after']} MiB | {row['load']} |\n"
        )


if __name__ == "__main__":
    main()
