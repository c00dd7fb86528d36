"""The page form's tabs keep one name in every language (`cms.core.panels`): whoever opens a
page form first in a process, `#tab-promote` stays `#tab-promote` for every later editor."""

from django.utils import translation

from wagtail.admin.panels import ObjectList, TabbedInterface
from wagtail.models import Locale
from wagtail.users.models import UserProfile

import pytest

from cms.core.models import BasePage
from cms.news.models import NewsArticlePage, NewsIndexPage
from tests.cms.core.test_slugs import portal_page_models

pytestmark = pytest.mark.django_db

TABS = ["content", "promote", "settings"]


def test_wagtails_own_tabs_take_the_name_of_the_first_language_that_drew_them():
    """The control: a plain TabbedInterface drawn first in Vietnamese is named in Vietnamese,
    so the probes below can fail."""
    plain = TabbedInterface(
        [
            ObjectList(NewsArticlePage.content_panels, heading=translation.gettext_lazy("Content")),
            ObjectList(NewsArticlePage.promote_panels, heading=translation.gettext_lazy("Promote")),
        ]
    ).bind_to_model(NewsArticlePage)
    with translation.override("vi"):
        names = plain.child_identifiers
    assert names != ["content", "promote"]
    assert names == ["noi_dung", "quang_ba"]


@pytest.mark.parametrize("first_language", ["vi", "en"])
def test_every_page_types_tabs_are_named_alike_whichever_language_drew_them_first(first_language):
    for model in portal_page_models():
        model.get_edit_handler.cache_clear()
        with translation.override(first_language):
            names = model.get_edit_handler().child_identifiers
        with translation.override("en" if first_language == "vi" else "vi"):
            assert model.get_edit_handler().child_identifiers == names, model
        assert names[0] == "content", model
        assert set(names) <= set(TABS), (model, names)


def test_an_english_editor_after_a_vietnamese_one_still_gets_tab_promote(
    client, department, member
):
    hanoi = department("HN")
    index = NewsIndexPage.objects.descendant_of(hanoi.site.root_page).get(
        locale=Locale.objects.get(language_code="vi")
    )
    url = f"/admin/pages/add/news/newsarticlepage/{index.pk}/"
    assert issubclass(NewsArticlePage, BasePage)
    NewsArticlePage.get_edit_handler.cache_clear()

    vietnamese = member(hanoi, "editor")
    UserProfile.get_for_user(vietnamese).__class__.objects.filter(user=vietnamese).update(
        preferred_language="vi"
    )
    client.force_login(vietnamese)
    first = client.get(url, HTTP_HOST=hanoi.site.hostname)
    assert first.status_code == 200
    assert "Quảng bá" in first.text  # drawn in Vietnamese
    assert 'id="tab-label-promote"' in first.text

    english = member(hanoi, "moderator")
    UserProfile.get_for_user(english).__class__.objects.filter(user=english).update(
        preferred_language="en"
    )
    client.force_login(english)
    second = client.get(url, HTTP_HOST=hanoi.site.hostname)
    assert second.status_code == 200
    assert "Promote" in second.text and "Quảng bá" not in second.text
    assert 'id="tab-label-promote"' in second.text
    assert "tab-label-quang_ba" not in second.text
