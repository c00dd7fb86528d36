"""A Vietnamese admin: every interface string a department's staff see on the main admin
screens has a Vietnamese translation (Wagtail's and wagtail-localize's included).

The probe records every gettext lookup made while a screen renders for a Vietnamese user,
keeps the lookups the active catalogue has no entry for, and counts those whose text is on
the page. The control renders the same screens with a catalogue that lacks the project's
override entries and expects the probe to find them (so it can fail).
"""

import html
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import trans_real

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.users.models import UserProfile

import pytest

from cms.news.factories import news_article_factory
from cms.news.models import NewsArticlePage, NewsIndexPage
from tests.conftest import ROLES, make_member

pytestmark = pytest.mark.django_db

PLACEHOLDER = re.compile(r"%\([^)]*\)[sdif]|%[sdif]|\{[^}]*\}")
TAG = re.compile(r"<[^>]+>")


def visible_fragment(msgid: str) -> str:
    """The longest literal run of a message (placeholders and markup removed)."""
    parts = PLACEHOLDER.split(TAG.sub("\x00", msgid))
    runs = [run.strip() for part in parts for run in part.split("\x00")]
    return max(runs, key=len, default="")


@contextmanager
def untranslated_lookups(language: str = "vi") -> Iterator[set[tuple[str | None, str]]]:
    """Every (context, msgid) looked up in `language` that its catalogue does not hold."""
    misses: set[tuple[str | None, str]] = set()
    originals = {
        name: getattr(translation._trans, name)
        for name in ("gettext", "ngettext", "pgettext", "npgettext")
    }

    def known(key: str) -> bool:
        if translation.get_language() != language:
            return True
        catalog = trans_real.translation(language)._catalog
        return key in catalog or (key, 0) in catalog

    def gettext(message):
        if not known(message):
            misses.add((None, str(message)))
        return originals["gettext"](message)

    def ngettext(singular, plural, number):
        if not known(singular):
            misses.add((None, str(singular)))
        return originals["ngettext"](singular, plural, number)

    def pgettext(context, message):
        if not known(f"{context}\x04{message}"):
            misses.add((context, str(message)))
        return originals["pgettext"](context, message)

    def npgettext(context, singular, plural, number):
        if not known(f"{context}\x04{singular}"):
            misses.add((context, str(singular)))
        return originals["npgettext"](context, singular, plural, number)

    replacements = {
        "gettext": gettext,
        "ngettext": ngettext,
        "pgettext": pgettext,
        "npgettext": npgettext,
    }
    for name, function in replacements.items():
        setattr(translation._trans, name, function)
    try:
        yield misses
    finally:
        for name, function in originals.items():
            setattr(translation._trans, name, function)


def shown(misses: set[tuple[str | None, str]], content: str) -> set[str]:
    text = html.unescape(content)
    found = set()
    for context, msgid in misses:
        fragment = visible_fragment(msgid)
        if len(fragment) >= 2 and re.search(rf"(?<![\w]){re.escape(fragment)}(?![\w])", text):
            found.add(f"{context}|{msgid}" if context else msgid)
    return found


@pytest.fixture
def day(department):
    """HCM with an article, an image and a document; its staff prefer Vietnamese."""
    hcm = department("HCM")
    index = NewsIndexPage.objects.descendant_of(hcm.site.root_page).get(locale__language_code="vi")
    article = news_article_factory(index, title="Cảng Cát Lái thông quan hơn 10.000 container")
    image = get_image_model().objects.create(
        title="Cảng Cát Lái", file=get_test_image_file(), collection=hcm.collection
    )
    document = get_document_model().objects.create(
        title="Quy trình thông quan",
        file=ContentFile(b"%PDF-1.4 quy trinh", name="quy-trinh.pdf"),
        collection=hcm.collection,
    )
    people = {}
    for role in ROLES:
        user = make_member(hcm, role)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "vi"
        profile.save()
        people[role] = user
    return {
        "department": hcm,
        "home": hcm.site.root_page,
        "index": index,
        "article": article,
        "image": image,
        "document": document,
        "people": people,
    }


SCREENS: dict[str, Callable[[dict], str]] = {
    "dashboard": lambda d: reverse("wagtailadmin_home"),
    "explorer": lambda d: reverse("wagtailadmin_explore", args=[d["home"].pk]),
    "news section": lambda d: reverse("wagtailadmin_explore", args=[d["index"].pk]),
    "edit article": lambda d: reverse("wagtailadmin_pages:edit", args=[d["article"].pk]),
    "new article": lambda d: reverse(
        "wagtailadmin_pages:add",
        args=["news", NewsArticlePage._meta.model_name, d["index"].pk],
    ),
    "choose page type": lambda d: reverse("wagtailadmin_pages:add_subpage", args=[d["home"].pk]),
    "page history": lambda d: reverse("wagtailadmin_pages:history", args=[d["article"].pk]),
    "page search": lambda d: reverse("wagtailadmin_pages:search") + "?q=c%E1%BA%A3ng",
    "images": lambda d: reverse("wagtailimages:index"),
    "add images": lambda d: reverse("wagtailimages:add_multiple"),
    "edit image": lambda d: reverse("wagtailimages:edit", args=[d["image"].pk]),
    "documents": lambda d: reverse("wagtaildocs:index"),
    "add documents": lambda d: reverse("wagtaildocs:add_multiple"),
    "edit document": lambda d: reverse("wagtaildocs:edit", args=[d["document"].pk]),
    "snippets": lambda d: reverse("wagtailsnippets:index"),
    "locked pages": lambda d: reverse("wagtailadmin_reports:locked_pages"),
    "workflow report": lambda d: reverse("wagtailadmin_reports:workflow"),
    "site history": lambda d: reverse("wagtailadmin_reports:site_history"),
    "account": lambda d: reverse("wagtailadmin_account"),
    "translation dashboard": lambda d: reverse("translation_dashboard"),
    "due for review": lambda d: reverse("core_due_for_review"),
    "webhooks": lambda d: reverse("wagtailsnippets_webhooks_subscription:list"),
    "add webhook": lambda d: reverse("wagtailsnippets_webhooks_subscription:add"),
    "webhook log": lambda d: reverse("wagtailsnippets_webhooks_delivery:list"),
}


def render_screens(data: dict, role: str) -> dict[str, set[str]]:
    client = Client()
    client.force_login(data["people"][role])
    host = data["department"].site.hostname
    found: dict[str, set[str]] = {}
    for name, url in SCREENS.items():
        with untranslated_lookups() as misses:
            response = client.get(url(data), HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE="vi")
        if response.status_code != 200:
            continue  # a screen this role may not open (checked elsewhere)
        missing = shown(misses, response.content.decode())
        if missing:
            found[name] = missing
    return found


@pytest.mark.parametrize("role", ROLES)
def test_main_admin_screens_have_no_untranslated_strings(day, role):
    found = render_screens(day, role)
    count = sum(len(strings) for strings in found.values())
    report = "\n".join(f"{screen}: {sorted(strings)}" for screen, strings in found.items())
    assert count == 0, f"{count} untranslated strings for a Vietnamese {role}:\n{report}"


def test_the_probe_finds_strings_missing_from_the_catalogue(day):
    """Control: without the entries for two strings the dashboard shows, the probe reports them."""
    catalog = trans_real.translation("vi")._catalog
    removed = {}
    for key in ("Dashboard", "Pages"):
        for layer in catalog._catalogs:
            if key in layer:
                removed.setdefault(key, []).append((layer, layer.pop(key)))
    try:
        found = render_screens(day, "editor")
    finally:
        for key, layers in removed.items():
            for layer, value in layers:
                layer[key] = value
    assert removed, "the catalogue holds neither string"
    assert any(key in strings for strings in found.values() for key in removed)
