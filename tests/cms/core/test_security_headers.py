"""Content-Security-Policy and Permissions-Policy on every surface; no inline script on public
pages; document downloads as stored (no Content-Encoding)."""

import io
import zipfile
from html.parser import HTMLParser

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client, override_settings

from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

import pytest

from cms.consultation.models import QAIndexPage
from cms.library.models import LegalDocument, Procedure, ProcedureIndexPage
from cms.news.models import NewsArticlePage, NewsIndexPage
from cms.standard.models import ContactPage
from tests.browser.conftest import seed_departments

pytestmark = pytest.mark.django_db

HOST = "hcm.localhost"


def policy(response, header: str = "Content-Security-Policy") -> dict[str, list[str]]:
    """The policy as {directive: [sources]}."""
    directives = {}
    for part in response[header].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


class InlineCode(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, event handlers, `javascript:`
    URLs, style attributes and <style> elements without the response's nonce."""

    def __init__(self, nonce: str):
        super().__init__()
        self.nonce = nonce
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and (value or "").strip().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            if not attributes.get("src"):
                self.found.append("<script> without src")
        if tag == "style" and attributes.get("nonce") != self.nonce:
            self.found.append("<style> without the response's nonce")


def inline_code(response) -> list[str]:
    sources = policy(response)["style-src"]
    nonces = [source for source in sources if source.startswith("'nonce-")]
    parser = InlineCode(nonces[0][len("'nonce-") : -1] if nonces else "")
    parser.feed(response.content.decode())
    return parser.found


def test_public_pages_of_every_type_carry_no_inline_script():
    seed_departments(80, ("HCM",))
    home = Page.objects.get(sites_rooted_here__hostname=HOST).specific
    pages = Page.objects.descendant_of(home).live().filter(locale=home.locale)
    library = ProcedureIndexPage.objects.descendant_of(home).get()
    procedure = Procedure.objects.filter(locale=home.locale, live=True).order_by("code")[0]
    document = LegalDocument.objects.filter(locale=home.locale, live=True).order_by("pk")[0]
    questions = QAIndexPage.objects.descendant_of(home).get()
    paths = {
        "home": home.url,
        "news list": pages.type(NewsIndexPage).first().url,
        "article": pages.type(NewsArticlePage).first().url,
        "procedure": library.url
        + library.reverse_subpage("procedure_detail", args=[procedure.slug]),
        "legal document": library.url
        + library.reverse_subpage("legal_document_detail", args=[document.slug]),
        "search": "/vi/search/?q=h%E1%BA%A3i+quan",
        "question form": questions.url + questions.reverse_subpage("ask"),
        "contact": pages.type(ContactPage).first().url,
    }
    client = Client()

    for kind, path in paths.items():
        response = client.get(path, HTTP_HOST=HOST)
        assert response.status_code == 200, (kind, path)
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], kind
        assert policy(response)["script-src"] == ["'self'"], kind
        assert inline_code(response) == [], (kind, path)
        assert "camera=()" in response["Permissions-Policy"], kind


def test_the_brand_colour_style_carries_the_nonce_of_its_own_response(department):
    department("HCM")
    client = Client()

    first, second = (client.get("/vi/", HTTP_HOST=HOST) for _ in range(2))

    nonce = policy(first)["style-src"][-1]
    assert nonce.startswith("'nonce-") and nonce != policy(second)["style-src"][-1]
    assert f'<style nonce="{nonce[7:-1]}">:root {{ --brand:' in first.content.decode()


def test_the_parser_finds_what_the_policy_would_block():
    """Control for the parser above: each kind of inline code is reported."""
    parser = InlineCode("abc")
    parser.feed(
        '<script>alert(1)</script><a href="javascript:x()" onclick="y()">a</a>'
        '<p style="color:red"></p><style>p{}</style><style nonce="abc">p{}</style>'
        '<script src="/static/a.js"></script>'
    )
    assert len(parser.found) == 5


@pytest.mark.parametrize("path", ["/api/department/", "/api/docs/", "/api/openapi.json"])
def test_the_api_and_its_docs_carry_the_strict_policy(department, path):
    department("HCM")
    response = Client().get(path, HTTP_HOST=HOST)

    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "geolocation=()" in response["Permissions-Policy"]
    if path == "/api/docs/":
        assert inline_code(response) == []


def test_the_admin_gets_its_own_policy_and_the_permissions_policy(department):
    department("HCM")
    response = Client().get("/admin/login/", HTTP_HOST=HOST)

    directives = policy(response)
    assert response.status_code == 200
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert "microphone=()" in response["Permissions-Policy"]


def _docx() -> bytes:
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<w:document>Tờ khai hải quan</w:document>")
    return archive.getvalue()


GZIP = b"\x1f\x8b\x08\x00 d\xe1\xbb\xaf li\xe1\xbb\x87u"


@pytest.mark.parametrize(
    ("filename", "content", "content_type", "disposition"),
    [
        # No longer uploadable (DOCUMENT_EXTENSIONS), but documents stored before the allow-list
        # are still served: as what they are, never with their compression as Content-Encoding.
        ("so-lieu-xuat-nhap-khau.tar.gz", GZIP, "application/gzip", "attachment"),
        (
            "bieu-mau.pdf",
            b"%PDF-1.4\n% Bi\xe1\xbb\x83u m\xe1\xba\xabu",
            "application/pdf",
            "inline",
        ),
        ("to-khai.docx", _docx(), "application/vnd.openxmlformats-officedocument", "attachment"),
    ],
)
def test_a_document_download_has_no_content_encoding(
    department, tmp_path, filename, content, content_type, disposition
):
    department("HCM")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    with override_settings(STORAGES=storages, MEDIA_ROOT=tmp_path):
        model = get_document_model()
        name = default_storage.save(f"documents/{filename}", ContentFile(content))
        # bulk_create skips the upload check (pre_save), as rows stored before it were made.
        (document,) = model.objects.bulk_create(
            [
                model(
                    title="Số liệu xuất nhập khẩu",
                    file=name,
                    collection=Collection.get_first_root_node(),
                )
            ]
        )
        # Even to a browser that takes gzip (CompressionMiddleware leaves downloads alone).
        response = Client().get(document.url, HTTP_HOST=HOST, HTTP_ACCEPT_ENCODING="gzip")
        body = b"".join(response.streaming_content)

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert response["Content-Type"].startswith(content_type)
    assert response["Content-Disposition"].startswith(disposition)
    assert document.filename in response["Content-Disposition"] or disposition == "inline"
    assert body == content
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_preview_keeps_the_public_policy_but_may_be_framed_by_the_admin(department):
    home = department("HCM").site.root_page.specific

    preview = home.make_preview_request()
    served = Client().get("/vi/", HTTP_HOST=HOST)

    assert policy(preview)["script-src"] == ["'self'"]
    assert policy(preview)["frame-ancestors"] == ["'self'"]
    assert policy(served)["frame-ancestors"] == ["'none'"]
