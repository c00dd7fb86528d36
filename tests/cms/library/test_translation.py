"""The library snippets are translated with wagtail-localize, as editors do in the admin."""

from wagtail.models import Locale

from cms.library.models import Procedure
from cms.library.translation import sync_with_localize
from sites.provisioning import content_locales

from .factories import legal_document, procedure


def test_wagtail_localize_sync_translates_a_procedure_and_keeps_synchronised_fields(db):
    content_locales()
    english = Locale.objects.get(language_code="en")
    item = procedure(code="1.008316", title="Thủ tục quá cảnh", en=False, online_level=3)
    item.steps = [("step", "Nộp tờ khai"), ("step", "Niêm phong hàng hóa")]
    item.save_revision().publish()

    target = sync_with_localize(
        Procedure.objects.get(pk=item.pk),
        english,
        {
            "Thủ tục quá cảnh": "Transit procedure",
            "Nộp tờ khai": "File the declaration",
            "Niêm phong hàng hóa": "Seal the goods",
        },
    )
    assert target.locale == english and target.live
    assert target.title == "Transit procedure"
    assert [block.value for block in target.steps] == ["File the declaration", "Seal the goods"]
    assert (target.code, target.online_level) == ("1.008316", 3)

    item.online_level = 4
    item.save_revision().publish()
    target = sync_with_localize(Procedure.objects.get(pk=item.pk), english, {})
    assert target.online_level == 4
    assert target.title == "Transit procedure"


def test_wagtail_localize_sync_translates_a_legal_document(db):
    content_locales()
    english = Locale.objects.get(language_code="en")
    document = legal_document("85/2019/NĐ-CP", en=False, issuer="Chính phủ")
    target = sync_with_localize(document, english, {"Chính phủ": "The Government"})
    assert (target.number, target.issuer, target.slug) == (
        "85/2019/NĐ-CP",
        "The Government",
        "85-2019-nd-cp",
    )
