"""Factories for shared media and for every StructBlock of the block family.

Block factories return raw (JSON-ready) values; `raw_stream` wraps `(type, value)` pairs
in the form a StreamField accepts: `page.body = raw_stream([("image", image_block(image))])`.
`body_with_every_block` builds one block of each type, for rendering and API tests.
"""

from io import BytesIO

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from PIL import Image as PILImage


def raw_stream(items) -> list[dict]:
    return [{"type": block_type, "value": value} for block_type, value in items]


def jpeg_file(colour: str = "#0b4f8a", size: tuple[int, int] = (640, 360)) -> ImageFile:
    """A plain JPEG of one colour, drawn with Pillow."""
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="JPEG", quality=80)
    return ImageFile(buffer, name="anh.jpg")


def image_factory(
    title: str = "Cửa khẩu quốc tế", collection: Collection | None = None, colour: str = "#0b4f8a"
):
    """An image made with Pillow, in `collection` (the root collection by default)."""
    return get_image_model().objects.create(
        title=title,
        file=jpeg_file(colour),
        collection=collection or Collection.get_first_root_node(),
    )


def document_factory(
    title: str = "Tờ rơi hướng dẫn", collection: Collection | None = None, content: bytes = b"%PDF-"
):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(content, name="to-roi.pdf"),
        collection=collection or Collection.get_first_root_node(),
    )


def image_block(
    image, *, alt_text: str = "Xe container qua cửa khẩu", caption: str = "Cửa khẩu"
) -> dict:
    return {"image": image.pk, "alt_text": alt_text, "caption": caption}


def quote_block(
    quote: str = "Doanh nghiệp là trung tâm phục vụ.", attribution: str = "Tổng cục trưởng"
) -> dict:
    return {"quote": quote, "attribution": attribution}


def embed_block(
    url: str = "https://www.youtube.com/watch?v=demo", title: str = "Video hướng dẫn"
) -> dict:
    return {"embed": url, "title": title}


def document_links_block(*documents, heading: str = "Tài liệu tải về") -> dict:
    return {
        "heading": heading,
        "documents": [{"document": document.pk, "title": ""} for document in documents],
    }


def table_block(caption: str = "Số thu ngân sách (tỷ đồng)") -> dict:
    return {
        "caption": caption,
        "table": {
            "columns": [
                {"type": "text", "heading": "Quý"},
                {"type": "numeric", "heading": "Số thu"},
            ],
            "rows": [{"values": ["Quý I", "4512.5"]}, {"values": ["Quý II", "4890.1"]}],
        },
    }


def accordion_item_block(
    heading: str = "Thời gian làm việc?", body: str = "<p>Từ thứ Hai đến thứ Sáu.</p>"
) -> dict:
    return {"heading": heading, "body": body}


def accordion_block(*items: dict, heading: str = "Câu hỏi thường gặp") -> dict:
    return {"heading": heading, "items": list(items) or [accordion_item_block()]}


def call_to_action_block(
    *,
    title: str = "Dịch vụ công trực tuyến",
    page=None,
    url: str = "https://dichvucong.customs.gov.vn/",
) -> dict:
    return {
        "title": title,
        "text": "Nộp hồ sơ mọi lúc, mọi nơi.",
        "page": page.pk if page else None,
        "url": "" if page else url,
        "button_text": "Truy cập",
    }


def quick_link_block(
    title: str = "Dịch vụ công trực tuyến", url: str = "https://dichvucong.customs.gov.vn/"
) -> dict:
    return {"title": title, "url": url, "description": "Nộp hồ sơ trực tuyến."}


def highlight_block(title: str = "98% thủ tục trực tuyến", *, image=None, page=None) -> dict:
    return {
        "title": title,
        "text": "Doanh nghiệp nộp hồ sơ mọi lúc.",
        "image": image.pk if image else None,
        "page": page.pk if page else None,
    }


def body_with_every_block(image, document, page=None) -> list[dict]:
    """A body holding one block of each type of the family."""
    return raw_stream(
        [
            ("heading", "Chức năng, nhiệm vụ"),
            ("paragraph", "<p>Quản lý nhà nước về <b>hải quan</b>.</p>"),
            ("image", image_block(image)),
            ("documents", document_links_block(document)),
            ("table", table_block()),
            ("accordion", accordion_block()),
            ("call_to_action", call_to_action_block(page=page)),
            ("embed", embed_block()),
            ("quote", quote_block()),
        ]
    )
