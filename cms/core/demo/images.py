"""Demo images drawn with Pillow: nothing is downloaded."""

from io import BytesIO

from django.core.files.images import ImageFile

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont


def emblem_png(code: str, colour: str, size: int = 192) -> ImageFile:
    """A round emblem in the department's colour with its code, as a PNG file."""
    image = PILImage.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), fill=colour, outline="#f2c94c", width=8)
    font = ImageFont.load_default(size=size // (3 if len(code) <= 3 else 4))
    draw.text((size / 2, size / 2), code, fill="white", font=font, anchor="mm")
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return ImageFile(buffer, name=f"logo-{code.lower()}.png")
