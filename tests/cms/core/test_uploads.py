"""Images and documents over the limits are refused wherever they enter, and nothing is stored."""

import io
import json
import os
import tempfile

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

import pytest

from cms.core.uploads import read_image_header, validate_document_file
from tests.cms.core.media_files import (
    EXE,
    HTML,
    PDF,
    SVG_WITH_SCRIPT,
    animated,
    bomb_png,
    many_frames_gif,
    office_zip,
    small_image,
    upload,
)

Image = get_image_model()
Document = get_document_model()


def stored_files(folder: str) -> set[str]:
    try:
        return set(default_storage.listdir(folder)[1])
    except FileNotFoundError:
        return set()


@pytest.fixture(autouse=True)
def _fresh_storage():
    """The test storage lives in memory for the whole run: start each test from an empty one."""
    for folder in ("original_images", "images", "documents"):
        for name in stored_files(folder):
            default_storage.delete(f"{folder}/{name}")


def prefer_language(user, language: str) -> None:
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.fixture
def admin_client(client, superuser):
    """A platform admin whose admin speaks English (the portal's default is Vietnamese)."""
    prefer_language(superuser, "en")
    client.force_login(superuser)
    return client


@pytest.fixture
def root_collection(db) -> Collection:
    return Collection.get_first_root_node()


def add_image(client, collection: Collection, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Ảnh kiểm tra", "file": upload(name, content), "collection": collection.pk},
    )


def add_images(client, collection: Collection, name: str, content: bytes):
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {"files[]": upload(name, content), "collection": collection.pk},
    )


def add_document(client, collection: Collection, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Tài liệu kiểm tra", "file": upload(name, content), "collection": collection.pk},
    )


def add_documents(client, collection: Collection, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload(name, content), "collection": collection.pk},
    )


def form_errors(response) -> str:
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


# --- Headers, read without decoding --------------------------------------------------------------


def test_header_of_bomb_png_is_read_without_decoding_pixels():
    content = bomb_png()
    assert len(content) < 100_000
    header = read_image_header(io.BytesIO(content))
    assert (header.width, header.height, header.frames) == (11_300, 11_300, 1)


def test_gif_frames_are_counted_and_counting_stops_past_the_limit():
    content = many_frames_gif()
    assert read_image_header(io.BytesIO(content), frame_limit=30_000).frames == 20_000
    assert read_image_header(io.BytesIO(content), frame_limit=200).frames == 201


@pytest.mark.parametrize("format_name", ["WEBP", "PNG"])
def test_animated_webp_and_apng_frames_are_counted(format_name):
    header = read_image_header(io.BytesIO(animated(format_name, 7)))
    assert (header.width, header.height, header.frames) == (16, 16, 7)


def test_gif_canvas_grows_to_a_frame_that_reaches_past_the_screen():
    content = bytearray(many_frames_gif(frames=1, size=100))
    # The one frame's descriptor claims 5000 × 5000 on a 100 × 100 screen.
    descriptor = content.index(b",\x00\x00\x00\x00d\x00d\x00")
    content[descriptor + 5 : descriptor + 9] = (5000).to_bytes(2, "little") * 2
    header = read_image_header(io.BytesIO(bytes(content)))
    assert (header.width, header.height) == (5000, 5000)


# --- Images: the admin -----------------------------------------------------------------------


def test_admin_refuses_bomb_png_in_add_view_and_stores_nothing(admin_client, root_collection):
    response = add_image(admin_client, root_collection, "bom.png", bomb_png())
    assert response.status_code == 200
    assert "too many pixels" in form_errors(response)
    assert not Image.objects.exists()
    assert stored_files("original_images") == set()


def test_admin_refuses_bomb_png_in_multiple_upload_and_stores_nothing(
    admin_client, root_collection
):
    response = add_images(admin_client, root_collection, "bom.png", bomb_png())
    body = response.json()
    assert body["success"] is False
    assert "pixels" in body["error_message"]
    assert not Image.objects.exists()
    assert stored_files("original_images") == set()


def test_admin_refuses_20000_frame_gif_in_both_upload_views(admin_client, root_collection):
    content = many_frames_gif()
    response = add_image(admin_client, root_collection, "hoat-hinh.gif", content)
    assert "more than 200 frames" in form_errors(response)
    body = add_images(admin_client, root_collection, "hoat-hinh.gif", content).json()
    assert body["success"] is False
    assert "more than 200 frames" in body["error_message"]
    assert not Image.objects.exists()
    assert stored_files("original_images") == set()


def test_admin_refuses_animated_webp_over_frame_limit(admin_client, root_collection, settings):
    settings.IMAGE_MAX_FRAMES = 5
    body = add_images(admin_client, root_collection, "a.webp", animated("WEBP", 6)).json()
    assert body["success"] is False
    assert "more than 5 frames" in body["error_message"]
    assert not Image.objects.exists()


def test_admin_refuses_apng(admin_client, root_collection):
    """Willow cannot open APNG at all, so Wagtail's own field refuses it before our frame count."""
    body = add_images(admin_client, root_collection, "a.png", animated("PNG", 6)).json()
    assert body["success"] is False
    assert not Image.objects.exists()


def test_admin_accepts_image_within_limits(admin_client, root_collection, settings):
    """The control: an ordinary photo and a short animation go in."""
    settings.IMAGE_MAX_FRAMES = 5
    response = add_image(admin_client, root_collection, "anh.jpg", small_image("JPEG"))
    assert response.status_code == 302
    body = add_images(admin_client, root_collection, "a.webp", animated("WEBP", 5)).json()
    assert body["success"] is True
    assert Image.objects.count() == 2
    assert len(stored_files("original_images")) == 2


def test_frame_limit_message_is_in_the_editors_language(admin_client, root_collection, superuser):
    prefer_language(superuser, "vi")
    response = add_image(admin_client, root_collection, "dong.gif", many_frames_gif())
    assert "Ảnh động này có hơn 200 khung hình." in form_errors(response)


# --- Images: every other way in ----------------------------------------------------------------


def test_model_refuses_many_frames_gif_before_storing(root_collection):
    with pytest.raises(ValidationError) as refused:
        Image.objects.create(
            title="Ảnh động",
            file=File(io.BytesIO(many_frames_gif()), name="dong.gif"),
            collection=root_collection,
        )
    assert refused.value.code == "too_many_frames"
    assert not Image.objects.exists()
    assert stored_files("original_images") == set()


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_model_refuses_bomb_png_before_storing(root_collection, settings):
    """Below twice the limit Pillow only warns; our header check refuses."""
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100_000_000
    with pytest.raises(ValidationError) as refused:
        Image.objects.create(
            title="Ảnh lớn",
            file=File(io.BytesIO(bomb_png()), name="lon.png"),
            collection=root_collection,
        )
    assert refused.value.code == "file_too_many_pixels"
    assert not Image.objects.exists()
    assert stored_files("original_images") == set()


def test_model_accepts_small_image(root_collection):
    Image.objects.create(
        title="Ảnh nhỏ",
        file=File(io.BytesIO(small_image()), name="nho.png"),
        collection=root_collection,
    )
    assert Image.objects.count() == 1


def test_pillow_pixel_limit_follows_the_setting(settings):
    from PIL import Image as PILImage

    assert PILImage.MAX_IMAGE_PIXELS == settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 12_000_000
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 5_000_000
    assert PILImage.MAX_IMAGE_PIXELS == 5_000_000


# --- Documents ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bieu-mau.pdf", PDF),
        ("to-khai.docx", office_zip("word/document.xml")),
        ("bang-ke.xlsx", office_zip("xl/workbook.xml")),
        ("van-ban.odt", office_zip("content.xml", b"application/vnd.oasis.opendocument.text")),
        ("bang.ods", office_zip("content.xml", b"application/vnd.oasis.opendocument.spreadsheet")),
        ("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500),
        ("danh-sach.csv", "Mã số;Tên hàng\n0101;Ngựa sống\n".encode()),
        ("ghi-chu.txt", "Hải quan Hà Nội".encode("utf-16")),
    ],
)
def test_admin_accepts_allowed_document_types(admin_client, root_collection, name, content):
    response = add_document(admin_client, root_collection, name, content)
    assert response.status_code == 302, form_errors(response)
    assert Document.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("chuong-trinh.exe", EXE, "(exe) cannot be uploaded"),
        ("trang.html", HTML, "(html) cannot be uploaded"),
        ("hinh.svg", SVG_WITH_SCRIPT, "(svg) cannot be uploaded"),
        ("gia-mao.pdf", EXE, "not a .pdf file"),
        ("gia-mao.docx", PDF, "not a .docx file"),
        ("gia-mao.xlsx", office_zip("word/document.xml"), "not a .xlsx file"),
        ("gia-mao.txt", EXE, "not a .txt file"),
    ],
)
def test_admin_refuses_disallowed_or_disguised_documents_in_both_views(
    admin_client, root_collection, name, content, message
):
    response = add_document(admin_client, root_collection, name, content)
    assert response.status_code == 200
    assert message in form_errors(response)
    assert len(response.context["form"].errors["file"]) == 1
    body = add_documents(admin_client, root_collection, name, content).json()
    assert body["success"] is False
    assert message in body["error_message"]
    assert not Document.objects.exists()
    assert stored_files("documents") == set()


def test_admin_refuses_document_over_size_limit_in_both_views(
    admin_client, root_collection, settings
):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 1024
    content = PDF + b"%" * 2048
    response = add_document(admin_client, root_collection, "lon.pdf", content)
    assert "too big" in form_errors(response)
    body = add_documents(admin_client, root_collection, "lon.pdf", content).json()
    assert "too big" in body["error_message"]
    assert not Document.objects.exists()
    assert stored_files("documents") == set()


def test_document_message_is_in_vietnamese():
    with translation.override("vi"), pytest.raises(ValidationError) as refused:
        validate_document_file(upload("x.exe", EXE))
    assert refused.value.messages[0].startswith("Không được tải lên tệp loại này (exe).")


def test_model_refuses_150_mb_document_without_reading_it(root_collection):
    """A sparse 150 MB file: its size is refused before any byte is read or stored."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as sparse:
        sparse.write(PDF)
        sparse.truncate(150 * 1024 * 1024)
        sparse.flush()
        assert os.stat(sparse.name).st_blocks * 512 < 1024 * 1024
        with open(sparse.name, "rb") as handle, pytest.raises(ValidationError) as refused:
            Document.objects.create(
                title="Tài liệu rất lớn",
                file=File(handle, name="rat-lon.pdf"),
                collection=root_collection,
            )
    assert refused.value.code == "file_too_large"
    assert not Document.objects.exists()
    assert stored_files("documents") == set()


def test_model_refuses_disguised_document_and_accepts_genuine_one(root_collection):
    from django.core.files.base import ContentFile

    with pytest.raises(ValidationError):
        Document.objects.create(
            title="Giả mạo", file=ContentFile(HTML, name="gia.pdf"), collection=root_collection
        )
    Document.objects.create(
        title="Biểu mẫu", file=ContentFile(PDF, name="bieu-mau.pdf"), collection=root_collection
    )
    assert Document.objects.count() == 1


def test_system_check_names_document_types_without_a_content_check(settings):
    from cms.core.checks import document_types

    assert document_types(None) == []
    settings.DOCUMENT_EXTENSIONS = ["pdf", "exe"]
    errors = document_types(None)
    assert [error.id for error in errors] == ["core.E001"]
    assert "exe" in errors[0].msg


def test_image_chooser_upload_refuses_many_frames_gif(admin_client, root_collection):
    """The chooser's upload tab (used from the page editor) is the third way into the admin."""
    response = admin_client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Ảnh động",
            "image-chooser-upload-file": upload("dong.gif", many_frames_gif()),
            "image-chooser-upload-collection": root_collection.pk,
        },
    )
    assert response.status_code == 200
    assert "more than 200 frames" in json.dumps(response.json(), ensure_ascii=False)
    assert not Image.objects.exists()
    assert stored_files("original_images") == set()
