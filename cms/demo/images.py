"""Demo images drawn with Pillow: nothing is downloaded.

Text is drawn with a system TrueType font that has Vietnamese letters (DejaVu Sans or
Liberation Sans, present on most Linux machines); where none is installed, with Pillow's own font,
which has no Vietnamese letters, so the text is drawn without diacritics rather than as boxes.
"""

from functools import cache
from io import BytesIO

from django.core.files.images import ImageFile

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from sites.text import fold_diacritics

FONT_FILES = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf")
FONT_DIRECTORIES = (
    "/usr/share/fonts/truetype/dejavu/",
    "/usr/share/fonts/truetype/liberation/",
    "",
)


@cache
def _truetype(size: int) -> ImageFont.FreeTypeFont | None:
    for name in FONT_FILES:
        for directory in FONT_DIRECTORIES:
            try:
                return ImageFont.truetype(directory + name, size)
            except OSError:
                continue
    return None


def font_and_text(text: str, size: int) -> tuple[ImageFont.ImageFont | ImageFont.FreeTypeFont, str]:
    """A font of `size` px and the text to draw with it (folded when the font lacks the letters)."""
    font = _truetype(size)
    if font is not None:
        return font, text
    return ImageFont.load_default(size=size), fold_diacritics(text)


def _draw_text(draw: ImageDraw.ImageDraw, xy, text: str, size: int, **options) -> None:
    font, drawable = font_and_text(text, size)
    draw.text(xy, drawable, font=font, **options)


def emblem_png(code: str, colour: str, size: int = 192) -> ImageFile:
    """A round emblem in the department's colour with its code, as a PNG file."""
    image = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), fill=colour, outline="#f2c94c", width=8)
    font_size = size // (3 if len(code) <= 3 else 4)
    _draw_text(draw, (size / 2, size / 2), code, font_size, fill="white", anchor="mm")
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return ImageFile(buffer, name=f"logo-{code.lower()}.png")


def _hex_to_rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[index : index + 2], 16) for index in (0, 2, 4))  # type: ignore[return-value]


def banner_jpeg(
    name: str, colour: str, label: str, size: tuple[int, int] = (1200, 500)
) -> ImageFile:
    """A banner: the colour fading to dark blue, with stylised containers and a label."""
    width, height = size
    image = PILImage.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    red, green, blue = _hex_to_rgb(colour)
    for row in range(height):
        mix = row / height
        draw.line(
            [(0, row), (width, row)],
            fill=(
                int(red * (1 - mix) + 10 * mix),
                int(green * (1 - mix) + 30 * mix),
                int(blue * (1 - mix) + 60 * mix),
            ),
        )
    for column, box_colour in enumerate(("#f2c94c", "#e76f51", "#2a9d8f", "#e9ecef", "#f4a261")):
        left = width * 0.45 + column * width * 0.1
        draw.rectangle((left, height * 0.55, left + width * 0.09, height * 0.8), fill=box_colour)
    _draw_text(draw, (width * 0.05, height * 0.12), label, height // 12, fill="white")
    buffer = BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ImageFile(buffer, name=f"{name}.jpg")


def leaflet_pdf(title: str, lines: list[str]) -> BytesIO:
    """A one-page A5 PDF leaflet drawn with Pillow (text as an image: nothing downloaded)."""
    page = PILImage.new("RGB", (1240, 1748), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 1240, 200), fill="#0b4f8a")
    _draw_text(draw, (60, 60), title, 56, fill="white")
    for number, line in enumerate(lines):
        _draw_text(draw, (60, 280 + number * 70), line, 40, fill="#1a1a1a")
    buffer = BytesIO()
    page.save(buffer, format="PDF", resolution=150)
    buffer.seek(0)
    return buffer
