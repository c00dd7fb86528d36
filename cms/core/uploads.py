"""Limits on the images and documents that enter the portal, read from file headers.

An image's pixel count and frame count are read from its header and frame table without
decoding any pixel data (a 496 KB PNG can declare 11,300 × 11,300 pixels, a 100 × 100 GIF
20,000 frames), and a document's type is both its extension and its sniffed content.

The checks run twice: in the admin forms (``ImageForm`` and ``DocumentForm``, Wagtail's
``WAGTAILIMAGES_IMAGE_FORM_BASE`` and ``WAGTAILDOCS_DOCUMENT_FORM_BASE``) so editors get a form
error, and on ``pre_save`` of the image and document models (``connect_model_checks``), before
the file is written to storage, so every other way in — commands, demo builders, imports,
``objects.create`` — is refused with the same ``ValidationError`` and stores nothing.
"""

import io
import os
import struct
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import setting_changed
from django.db.models.signals import pre_save
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wagtail.documents import get_document_model
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images import get_image_model
from wagtail.images.forms import BaseImageForm

from PIL import Image as PILImage


@dataclass(frozen=True)
class ImageHeader:
    """What a header says: the canvas every frame is drawn on, and how many frames there are."""

    width: int
    height: int
    frames: int

    @property
    def pixels(self) -> int:
        return self.width * self.height


# --- Image headers -----------------------------------------------------------------------------


def _png_header(f: IO[bytes], frame_limit: int) -> ImageHeader:
    """IHDR gives the size; an APNG's acTL (before the first IDAT) gives its frame count."""
    f.seek(8)
    width = height = 0
    frames = 1
    while True:
        head = f.read(8)
        if len(head) < 8:
            break
        length, kind = struct.unpack(">I4s", head)
        if kind == b"IHDR":
            width, height = struct.unpack(">II", f.read(8))
            f.seek(length - 8 + 4, io.SEEK_CUR)
        elif kind == b"acTL":
            frames = struct.unpack(">I", f.read(4))[0]
            f.seek(length - 4 + 4, io.SEEK_CUR)
        elif kind in (b"IDAT", b"IEND"):
            break
        else:
            f.seek(length + 4, io.SEEK_CUR)
    return ImageHeader(width, height, frames)


def _skip_gif_sub_blocks(f: IO[bytes]) -> bool:
    """Skip a chain of data sub-blocks; False at a truncated end."""
    while True:
        size = f.read(1)
        if not size:
            return False
        if size[0] == 0:
            return True
        f.seek(size[0], io.SEEK_CUR)


def _gif_header(f: IO[bytes], frame_limit: int) -> ImageHeader:
    """Walk the block table: count image descriptors, grow the canvas to every frame's extent.

    Pillow enlarges the canvas to a frame that reaches past the logical screen, so the
    extent, not the screen, is what a render allocates. Counting stops one past the limit.
    """
    f.seek(6)
    width, height, flags = struct.unpack("<HHB", f.read(5))
    f.seek(2, io.SEEK_CUR)
    if flags & 0x80:
        f.seek(3 << ((flags & 7) + 1), io.SEEK_CUR)
    frames = 0
    while frames <= frame_limit:
        introducer = f.read(1)
        if introducer == b"!":
            f.seek(1, io.SEEK_CUR)
            if not _skip_gif_sub_blocks(f):
                break
        elif introducer == b",":
            descriptor = f.read(9)
            if len(descriptor) < 9:
                break
            left, top, frame_width, frame_height, local = struct.unpack("<HHHHB", descriptor)
            frames += 1
            width = max(width, left + frame_width)
            height = max(height, top + frame_height)
            if local & 0x80:
                f.seek(3 << ((local & 7) + 1), io.SEEK_CUR)
            f.seek(1, io.SEEK_CUR)  # LZW minimum code size
            if not _skip_gif_sub_blocks(f):
                break
        else:  # trailer, or garbage: Pillow stops there too
            break
    return ImageHeader(width, height, max(frames, 1))


def _webp_header(f: IO[bytes], frame_limit: int) -> ImageHeader:
    """VP8X, VP8 or VP8L give the canvas; each ANMF chunk is one frame."""
    f.seek(12)
    width = height = 0
    frames = 0
    while frames <= frame_limit:
        head = f.read(8)
        if len(head) < 8:
            break
        kind, length = struct.unpack("<4sI", head)
        body = f.read(min(length, 10))
        if kind == b"VP8X" and len(body) >= 10:
            width = 1 + int.from_bytes(body[4:7], "little")
            height = 1 + int.from_bytes(body[7:10], "little")
        elif kind == b"VP8 " and not width and len(body) >= 10:
            width, height = (v & 0x3FFF for v in struct.unpack("<HH", body[6:10]))
        elif kind == b"VP8L" and not width and len(body) >= 5:
            bits = int.from_bytes(body[1:5], "little")
            width, height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        elif kind == b"ANMF":
            frames += 1
        f.seek(length + (length & 1) - len(body), io.SEEK_CUR)
    return ImageHeader(width, height, max(frames, 1))


def _jpeg_header(f: IO[bytes], frame_limit: int) -> ImageHeader:
    """The first start-of-frame segment gives the size; every other segment is skipped."""
    f.seek(2)
    while True:
        marker = f.read(2)
        while marker[:1] == b"\xff" and marker[1:] == b"\xff":  # fill bytes
            marker = marker[1:] + f.read(1)
        if len(marker) < 2 or marker[0] != 0xFF:
            raise ValueError("no start-of-frame segment")
        (length,) = struct.unpack(">H", f.read(2))
        if marker[1] in _JPEG_START_OF_FRAME:
            height, width = struct.unpack(">xHH", f.read(5))
            return ImageHeader(width, height, 1)
        f.seek(length - 2, io.SEEK_CUR)


_JPEG_START_OF_FRAME = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def _pillow_header(f: IO[bytes], frame_limit: int) -> ImageHeader:
    """Other formats (AVIF, HEIC, …): Pillow's open reads the header only."""
    f.seek(0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
        image = PILImage.open(f)
        width, height = image.size
        return ImageHeader(width, height, getattr(image, "n_frames", 1))


_HEADER_READERS: tuple[tuple[bytes, int, Callable[[IO[bytes], int], ImageHeader]], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, _png_header),
    (b"GIF8", 0, _gif_header),
    (b"WEBP", 8, _webp_header),
    (b"\xff\xd8", 0, _jpeg_header),
)


def read_image_header(f: IO[bytes], frame_limit: int | None = None) -> ImageHeader:
    """The canvas and frame count of an image file, without decoding its pixels.

    Raises ``ValueError`` for a file no reader recognises. Frame counting stops one past
    ``frame_limit`` (the setting by default), so a file with a million frames costs no more
    than one just over the limit.
    """
    if frame_limit is None:
        frame_limit = settings.IMAGE_MAX_FRAMES
    position = f.tell()
    try:
        f.seek(0)
        start = f.read(16)
        for magic, offset, reader in _HEADER_READERS:
            if start[offset : offset + len(magic)] == magic:
                try:
                    return reader(f, frame_limit)
                except struct.error as error:
                    raise ValueError("truncated image header") from error
        try:
            return _pillow_header(f, frame_limit)
        except PILImage.DecompressionBombError:
            raise  # past twice Pillow's MAX_IMAGE_PIXELS, which is our limit
        except (OSError, SyntaxError) as error:
            raise ValueError("not an image") from error
    finally:
        f.seek(position)


def megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.1f}"


def refuse_oversized(f: IO[bytes], limit: int) -> None:
    """Refuse a file over `limit` bytes, saying both sizes (images and documents alike)."""
    size = getattr(f, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("This file is too big (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="file_too_large",
        )


def validate_image_file(f: IO[bytes]) -> None:
    """Refuse an image over the size, pixel or frame limits (``ValidationError``, code names which)."""
    refuse_oversized(f, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    try:
        header = read_image_header(f)
    except PILImage.DecompressionBombError as error:
        raise ValidationError(
            _("This image has more than %(limit)s megapixels.") % {"limit": megapixels(limit)},
            code="file_too_many_pixels",
        ) from error
    except ValueError as error:
        raise ValidationError(
            _("This file is not an image the portal can read."), code="invalid_image"
        ) from error
    if header.pixels > limit:
        raise ValidationError(
            _(
                "This image is %(width)s × %(height)s pixels (%(pixels)s megapixels). "
                "The limit is %(limit)s megapixels."
            )
            % {
                "width": header.width,
                "height": header.height,
                "pixels": megapixels(header.pixels),
                "limit": megapixels(limit),
            },
            code="file_too_many_pixels",
        )
    if header.frames > settings.IMAGE_MAX_FRAMES:
        raise ValidationError(
            _("This animated image has more than %(limit)s frames.")
            % {"limit": settings.IMAGE_MAX_FRAMES},
            code="too_many_frames",
        )
    if header.pixels * header.frames > limit:
        raise ValidationError(
            _(
                "This animated image has %(frames)s frames of %(width)s × %(height)s pixels: "
                "%(pixels)s megapixels in all. The limit is %(limit)s megapixels."
            )
            % {
                "frames": header.frames,
                "width": header.width,
                "height": header.height,
                "pixels": megapixels(header.pixels * header.frames),
                "limit": megapixels(limit),
            },
            code="file_too_many_pixels",
        )


# --- Documents ----------------------------------------------------------------------------------

_SNIFF_BYTES = 64 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BINARY_MAGIC = (b"MZ", b"\x7fELF", b"%PDF", b"PK\x03\x04", _OLE2, b"\xca\xfe\xba\xbe")


def _is_pdf(f: IO[bytes], head: bytes) -> bool:
    return b"%PDF-" in head[:1024]


def _is_ole2(f: IO[bytes], head: bytes) -> bool:
    return head.startswith(_OLE2)


def _zip_names(f: IO[bytes]) -> list[str]:
    """The archive's entry names (its central directory only: nothing is extracted)."""
    try:
        with zipfile.ZipFile(f) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return []


def _zip_with(prefix: str) -> Callable[[IO[bytes], bytes], bool]:
    def sniff(f: IO[bytes], head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and any(
            name.startswith(prefix) for name in _zip_names(f)
        )

    return sniff


def _opendocument(kind: str) -> Callable[[IO[bytes], bytes], bool]:
    # The first entry is an uncompressed "mimetype" file holding the media type (ODF 1.2 §3.3).
    media_type = f"application/vnd.oasis.opendocument.{kind}".encode()

    def sniff(f: IO[bytes], head: bytes) -> bool:
        return (
            head.startswith(b"PK\x03\x04")
            and head[30:38] == b"mimetype"
            and (head[38 : 38 + len(media_type)] == media_type)
        )

    return sniff


def _is_text(f: IO[bytes], head: bytes) -> bool:
    """Plain text in any encoding (UTF-8, UTF-16 with its BOM, legacy Vietnamese code pages)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    return b"\x00" not in head and not head.startswith(_BINARY_MAGIC)


#: Every document type the portal can accept, with how its content is recognised; the
#: DOCUMENT_EXTENSIONS setting chooses among them.
DOCUMENT_SNIFFERS: dict[str, Callable[[IO[bytes], bytes], bool]] = {
    "pdf": _is_pdf,
    "doc": _is_ole2,
    "xls": _is_ole2,
    "docx": _zip_with("word/"),
    "xlsx": _zip_with("xl/"),
    "pptx": _zip_with("ppt/"),
    "odt": _opendocument("text"),
    "ods": _opendocument("spreadsheet"),
    "zip": lambda f, head: head.startswith(b"PK\x03\x04") and bool(_zip_names(f)),
    "csv": _is_text,
    "txt": _is_text,
}


def document_extension(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")


def validate_document_file(f: IO[bytes]) -> None:
    """Refuse a document over the size limit, of a type not allowed, or whose content lies."""
    refuse_oversized(f, settings.DOCUMENT_MAX_UPLOAD_SIZE)
    extension = document_extension(f.name or "")
    allowed = settings.DOCUMENT_EXTENSIONS
    if extension not in allowed:
        raise ValidationError(
            _("Files of this type (%(extension)s) cannot be uploaded. Allowed types: %(allowed)s.")
            % {"extension": extension or "?", "allowed": ", ".join(allowed)},
            code="invalid_extension",
        )
    position = f.tell()
    try:
        f.seek(0)
        head = f.read(_SNIFF_BYTES)
        f.seek(0)
        genuine = DOCUMENT_SNIFFERS[extension](f, head)
    finally:
        f.seek(position)
    if not genuine:
        raise ValidationError(
            _("The content of this file is not a .%(extension)s file.") % {"extension": extension},
            code="content_mismatch",
        )


# --- Where files enter --------------------------------------------------------------------------


class ImageForm(BaseImageForm):
    """The admin's image form (single add, edit, multiple upload, chooser upload).

    Wagtail's field already applies WAGTAILIMAGES_MAX_UPLOAD_SIZE and, from the header,
    WAGTAILIMAGES_MAX_IMAGE_PIXELS; this adds the frame count Willow's Pillow backend never
    reports, and the GIF canvas grown by its frames.
    """

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file is not None and "file" in self.changed_data:
            validate_image_file(file)
        return file


class DocumentForm(BaseDocumentForm):
    """The admin's document form: size limit, allowed types and sniffed content."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file is not None and "file" in self.changed_data:
            validate_document_file(file)
        return file


def _check_new_image(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw and instance.file and not instance.file._committed:
        validate_image_file(instance.file)


def _check_new_document(sender, instance, raw: bool = False, **kwargs) -> None:
    if not raw and instance.file and not instance.file._committed:
        validate_document_file(instance.file)


def connect_model_checks() -> None:
    """Check every new image or document file before the save that would store it."""
    pre_save.connect(_check_new_image, sender=get_image_model(), dispatch_uid="image-limits")
    pre_save.connect(
        _check_new_document, sender=get_document_model(), dispatch_uid="document-limits"
    )
    setting_changed.connect(_follow_pixel_limit, dispatch_uid="pillow-pixel-limit")
    _follow_pixel_limit("WAGTAILIMAGES_MAX_IMAGE_PIXELS")


def _follow_pixel_limit(setting: str, **kwargs) -> None:
    """Pillow's own guard agrees with ours: past twice the limit it refuses to open a file."""
    if setting == "WAGTAILIMAGES_MAX_IMAGE_PIXELS":
        PILImage.MAX_IMAGE_PIXELS = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
