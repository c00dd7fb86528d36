"""Hostile and ordinary files, built cheaply: no test allocates the pixels a file declares."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from PIL import GifImagePlugin
from PIL import Image as PILImage


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb_png(width: int = 11_300, height: int = 11_300) -> bytes:
    """A valid 1-bit PNG of width × height black pixels: a few kilobytes, built in milliseconds."""
    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", data)
        + _png_chunk(b"IEND", b"")
    )


def many_frames_gif(frames: int = 20_000, size: int = 100) -> bytes:
    """An animated GIF of `frames` frames: one frame's encoded bytes written `frames` times."""
    frame = PILImage.new("P", (size, size))
    frame.putpalette([0, 0, 0, 255, 255, 255])
    encoded = b"".join(GifImagePlugin.getdata(frame))
    control = b"\x21\xf9\x04\x00\x0a\x00\x00\x00"  # graphic control: 0.1 s per frame
    screen = struct.pack("<6sHHBBB", b"GIF89a", size, size, 0x80, 0, 0)  # 2-colour table
    return screen + b"\x00\x00\x00\xff\xff\xff" + (control + encoded) * frames + b";"


def animated(format_name: str, frames: int, size: int = 16) -> bytes:
    """A small animated WebP or APNG made by Pillow (each frame a different grey)."""
    images = [PILImage.new("RGB", (size, size), (i * 9 % 256,) * 3) for i in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, format=format_name, save_all=True, append_images=images[1:])
    return buffer.getvalue()


def small_image(format_name: str = "PNG", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 30, 30)).save(buffer, format=format_name)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def office_zip(first_entry: str, media_type: bytes | None = None) -> bytes:
    """A DOCX/XLSX-shaped archive, or an OpenDocument one when `media_type` is given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if media_type is not None:
            archive.writestr("mimetype", media_type, compress_type=zipfile.ZIP_STORED)
        archive.writestr(first_entry, "<xml>Tờ khai hải quan</xml>")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
EXE = b"MZ\x90\x00" + b"\x00" * 60 + b"PE\x00\x00"
SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><script>alert(document.cookie)</script>"
