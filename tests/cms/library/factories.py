"""Factories for the library's snippets and index page (real provisioning makes the pages)."""

from __future__ import annotations

import datetime

from wagtail.models import Locale

from cms.library.models import LegalDocument, Procedure, ProcedureIndexPage
from cms.library.translation import publish, publish_translation
from sites.models import Department


def legal_document(number: str = "85/2019/NĐ-CP", en: bool = True, **fields) -> LegalDocument:
    values = {
        "title": "Nghị định quy định chi tiết thi hành Luật Hải quan",
        "doc_type": LegalDocument.Type.DECREE,
        "issuer": "Chính phủ",
        "issued_on": datetime.date(2019, 11, 14),
        **fields,
    }
    document = publish(LegalDocument(number=number, locale=Locale.get_default(), **values))
    if en:
        publish_translation(
            document,
            Locale.objects.get(language_code="en"),
            {"title": f"Decree {number}", "issuer": "The Government"},
        )
    return document


def procedure(
    code: str = "1.008316",
    title: str = "Thủ tục hải quan đối với hàng hóa xuất khẩu, nhập khẩu thương mại",
    en: bool = True,
    legal_bases: list[LegalDocument] = (),
    **fields,
) -> Procedure:
    values = {
        "category": Procedure.Category.DECLARATION,
        "online_level": 4,
        "online": Procedure.Online.FULL,
        "agency": "Chi cục Hải quan",
        "processing_time": "2 giờ làm việc",
        **fields,
    }
    item = publish(
        Procedure(code=code, title=title, locale=Locale.get_default(), **values),
        {"legal_bases": list(legal_bases)},
    )
    if en:
        publish_translation(
            item,
            Locale.objects.get(language_code="en"),
            {"title": f"Procedure {code} (English)", "agency": "Customs branch"},
            {"legal_bases": list(legal_bases)},
        )
    return item


def index_page(department: Department, language: str = "vi") -> ProcedureIndexPage:
    """The department's procedures section (made by provisioning) in `language`."""
    page = ProcedureIndexPage.objects.get(
        path__startswith=department.site.root_page.path, locale__language_code="vi"
    )
    if language != "vi":
        page = page.get_translation(Locale.objects.get(language_code=language))
    return page.specific
