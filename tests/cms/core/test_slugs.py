"""ASCII slugs with letters kept: every page type, the admin form, the API, translations,
the demo and `repair_slugs` (redirects from the old URLs)."""

import json
import re
from io import StringIO

from django.core.management import CommandError, call_command
from django.utils import translation

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Locale, Page, get_page_models
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

import pytest

from cms.core.models import BasePage
from cms.news.models import NewsArticlePage, NewsIndexPage
from cms.standard.models import LeafletPage, StandardPage
from sites.text import ascii_slugify
from sites.translation import sync_translation

pytestmark = pytest.mark.django_db

CAT_LAI = "Cảng Cát Lái thông quan hơn 10.000 container mỗi ngày"
CAT_LAI_SLUG = "cang-cat-lai-thong-quan-hon-10000-container-moi-ngay"
CAT_LAI_LOSSY = "cng-cat-lai-thong-quan-hn-10000-container-mi-ngay"  # what the browser made
CAT_LAI_EN = "Cat Lai port clears more than 10,000 containers a day"
CAT_LAI_EN_SLUG = "cat-lai-port-clears-more-than-10000-containers-a-day"


def portal_page_models() -> list[type[Page]]:
    return [model for model in get_page_models() if model is not Page]


def test_every_page_type_builds_on_base_page_and_folds_a_given_slug():
    models = portal_page_models()
    assert len(models) >= 9
    for model in models:
        assert issubclass(model, BasePage), model
        page = model(title="Hải quan Đồng Nai", slug="Hải-quan-Đồng Nai")
        page.minimal_clean()  # what saving a draft runs
        assert page.slug == "hai-quan-dong-nai", model
        page = model(title="Hải quan Đồng Nai", slug="")
        page.minimal_clean()
        assert page.slug == "hai-quan-dong-nai", model


def test_saving_folds_the_slug_and_numbers_it_among_siblings_only_when_taken():
    root = Page.get_first_root_node()
    first = StandardPage(title="Đồng Nai mùa nước nổi", slug="Đồng-Nai")
    root.add_child(instance=first)
    second = StandardPage(title="Đồng Nai")  # no slug: from the title, numbered
    root.add_child(instance=second)
    kept = StandardPage(title="Ưu tiên", slug="Uu_Tien-2026")  # already ASCII: untouched
    root.add_child(instance=kept)

    assert (first.slug, second.slug, kept.slug) == ("dong-nai", "dong-nai-1", "Uu_Tien-2026")
    first.slug = "Ưu đãi ơn huệ"
    first.save_revision().publish()
    first.refresh_from_db()
    assert first.slug == "uu-dai-on-hue"
    assert first.url_path.endswith("/uu-dai-on-hue/")


def article_form(title: str, slug: str) -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "teaser": "",
            "date": "2026-05-01",
            "category": "other",
            "tags": "",
            "body": streamfield([]),
            "source": "",
            "related_links": inline_formset([]),
        }
    )


def news_index(department, language: str = "vi") -> NewsIndexPage:
    return NewsIndexPage.objects.descendant_of(
        department.site.root_page.get_translation(Locale.objects.get(language_code=language))
    ).get()


def test_admin_slug_field_folds_in_the_browser_and_on_the_server(client, department, member):
    hn = department("HN")
    index = news_index(hn)
    client.force_login(member(hn, "editor"))
    url = f"/admin/pages/add/news/newsarticlepage/{index.pk}/"

    response = client.get(url)
    assert "data-w-slug-formatters-value" in response.content.decode()
    # The formatters Wagtail's w-slug controller runs before it slugifies, as you type.
    attrs = response.context["form"].fields["slug"].widget.attrs
    assert attrs["data-controller"] == "w-slug"
    typed = "Cảng Cát Lái Đồng Nai ưu đãi ơn huệ"
    for (pattern, _flags), replacement in json.loads(attrs["data-w-slug-formatters-value"]):
        typed = re.sub(pattern, replacement, typed)
    assert typed == "Cang Cat Lai Dong Nai uu dai on hue"

    response = client.post(url, article_form(CAT_LAI, "Cảng-Cát-Lái thông quan"))
    assert response.status_code == 302, response.context["form"].errors
    saved = NewsArticlePage.objects.child_of(index).values_list("slug", flat=True)
    assert list(saved) == ["cang-cat-lai-thong-quan"]

    response = client.post(url, article_form("Hải quan Đồng Nai", "Cảng-Cát-Lái thông quan"))
    assert response.status_code == 200  # the folded slug is taken: a form error, not a 500
    assert "slug" in response.context["form"].errors


def test_api_created_article_gets_the_ascii_slug_of_its_title(client, department):
    from cms.api.models import ApiToken

    hcm = department("HCM")
    token = ApiToken(department=hcm, name="Tin tự động", scope="draft").issue()
    response = client.post(
        "/api/news/",
        json.dumps({"title": CAT_LAI, "category": "other", "date": "2026-11-20"}),
        content_type="application/json",
        HTTP_HOST=hcm.site.hostname,
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
    assert NewsArticlePage.objects.get(pk=response.json()["id"]).slug == CAT_LAI_SLUG


def add_article(index: Page, title: str, **fields) -> NewsArticlePage:
    page = NewsArticlePage(title=title, date="2026-11-20", category="other", **fields)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_translation_takes_its_slug_from_its_translated_title(department):
    hn = department("HN")
    english = Locale.objects.get(language_code="en")
    article = add_article(news_index(hn), CAT_LAI)
    assert article.slug == CAT_LAI_SLUG

    translated = sync_translation(article, english, {"title": CAT_LAI_EN})
    assert translated.slug == CAT_LAI_EN_SLUG
    assert translated.url.endswith(f"/en/news/{CAT_LAI_EN_SLUG}/")

    # A later sync (new English title) keeps the published URL.
    translated = sync_translation(article, english, {"title": "Cat Lai clears 10,000 boxes"})
    assert translated.title == "Cat Lai clears 10,000 boxes"
    assert translated.slug == CAT_LAI_EN_SLUG

    # A slug a translator sets is kept (folded).
    other = add_article(news_index(hn), "Hải quan Đồng Nai")
    translated = sync_translation(
        other, english, {"title": "Dong Nai Customs", "slug": "Đồng-Nai-customs"}
    )
    assert translated.slug == "dong-nai-customs"

    # Not translated yet (same title): the source's slug stays.
    same = add_article(news_index(hn), "Thông báo")
    assert sync_translation(same, english, {}).slug == "thong-bao"


# --- repair_slugs ---------------------------------------------------------------------------


def break_slug(page: Page, slug: str) -> None:
    """Store `slug` as an older slugifier did, around the model's rules (and in the revisions)."""
    page.slug = slug
    page.set_url_path(page.get_parent())
    Page.objects.filter(pk=page.pk).update(slug=slug, url_path=page.url_path)
    for revision in page.revisions.all():
        revision.content["slug"] = slug
        revision.save(update_fields=["content"])


def repair(*args: str) -> list[str]:
    out = StringIO()
    with translation.override("en"):  # commands speak Vietnamese by default
        call_command("repair_slugs", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_repair_slugs_gives_english_and_lossy_slugs_their_titles_and_redirects(client, department):
    hn, hcm = department("HN"), department("HCM")
    english = Locale.objects.get(language_code="en")
    host = hn.site.hostname
    article = add_article(news_index(hn), CAT_LAI)
    article_en = sync_translation(article, english, {"title": CAT_LAI_EN})
    leaflets = LeafletPage(title="Tờ rơi, ấn phẩm", slug="to-roi-an-pham")
    hn.site.root_page.add_child(instance=leaflets)
    leaflets.save_revision().publish()
    leaflets_en = sync_translation(leaflets, english, {"title": "Leaflets and publications"})
    # Controls: a slug an editor chose, and a slug a translator set.
    chosen = add_article(news_index(hn), "Thủ tục hành chính mới", slug="thu-tuc-moi")
    chosen_en = sync_translation(
        chosen, english, {"title": "New procedures", "slug": "thu-tuc-moi"}
    )
    elsewhere = add_article(news_index(hcm), CAT_LAI)
    elsewhere_en = sync_translation(elsewhere, english, {"title": CAT_LAI_EN})

    # The state the demo was in: the browser's lossy slug, inherited by the translation.
    for page in (article, article_en, elsewhere, elsewhere_en):
        break_slug(page, CAT_LAI_LOSSY)
    break_slug(leaflets_en, "to-roi-an-pham")
    old_urls = {
        "vi": f"/vi/tin-tuc/{CAT_LAI_LOSSY}/",
        "en": f"/en/news/{CAT_LAI_LOSSY}/",
        "leaflets": "/en/to-roi-an-pham/",
    }
    assert client.get(old_urls["en"], HTTP_HOST=host).status_code == 200

    listed = repair("--department", "HN", "--dry-run")
    assert len(listed) == 4, listed
    assert listed[-1] == "3 slugs to repair (dry run: nothing changed)."
    assert any(f"/en/news/{CAT_LAI_LOSSY}/" in line for line in listed)
    assert Page.objects.get(pk=article_en.pk).slug == CAT_LAI_LOSSY
    assert not Redirect.objects.exists()

    done = repair("--department", "HN")
    assert done[-1] == "3 slugs repaired.", done
    assert {Page.objects.get(pk=p.pk).slug for p in (article, article_en, leaflets_en)} == {
        CAT_LAI_SLUG,
        CAT_LAI_EN_SLUG,
        "leaflets-and-publications",
    }
    redirects = Redirect.objects.filter(site=hn.site)
    assert redirects.count() >= 3 and all(r.is_permanent for r in redirects)
    for key, new in (
        ("vi", f"/vi/tin-tuc/{CAT_LAI_SLUG}/"),
        ("en", f"/en/news/{CAT_LAI_EN_SLUG}/"),
        ("leaflets", "/en/leaflets-and-publications/"),
    ):
        response = client.get(old_urls[key], HTTP_HOST=host)
        assert response.status_code == 301, key
        assert response["Location"].endswith(new), (key, response["Location"])
        assert client.get(new, HTTP_HOST=host).status_code == 200
    # A redirect is for its own site: the same old path on another department's site is not.
    assert client.get(old_urls["en"], HTTP_HOST=hcm.site.hostname).status_code == 200

    # Controls untouched: chosen slugs and the department not named.
    assert Page.objects.get(pk=chosen.pk).slug == "thu-tuc-moi"
    assert Page.objects.get(pk=chosen_en.pk).slug == "thu-tuc-moi"
    assert Page.objects.get(pk=elsewhere_en.pk).slug == CAT_LAI_LOSSY

    # The revisions carry the new slug: publishing the draft keeps it.
    article_en = Page.objects.get(pk=article_en.pk).specific
    article_en.get_latest_revision().publish()
    assert Page.objects.get(pk=article_en.pk).slug == CAT_LAI_EN_SLUG

    assert repair("--department", "HN") == ["0 slugs repaired."]  # idempotent
    assert repair()[-1] == "2 slugs repaired."  # every department: HCM's two now
    assert Page.objects.get(pk=elsewhere_en.pk).slug == CAT_LAI_EN_SLUG


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--department", "XX"], "No department with the code XX"),
        (["--locale", "fr"], "No locale fr"),
    ],
)
def test_repair_slugs_refuses_unknown_departments_and_locales(args, message):
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("repair_slugs", *args, stdout=StringIO())


def test_imported_library_items_get_ascii_slugs_with_letters_kept():
    from cms.demo.library import DATASET, ensure_forms
    from cms.library.models import LegalDocument

    ensure_forms()
    call_command("import_library", str(DATASET), stdout=StringIO(), stderr=StringIO())
    decrees = LegalDocument.objects.filter(number__contains="NĐ-CP")
    assert decrees.exists()
    for decree in decrees:
        assert re.fullmatch(r"[a-z0-9-]+", decree.slug), decree.slug
        assert decree.slug.endswith("nd-cp"), decree.slug


def test_the_demo_gives_english_pages_english_slugs(department):
    from cms.demo.departments import DEMO_DEPARTMENTS
    from cms.demo.management.commands.seed_demo import Command as SeedDemo

    hn = department("HN")
    demo = next(each for each in DEMO_DEPARTMENTS if each.code == "HN")
    SeedDemo(stdout=StringIO()).ensure_content(hn, demo)

    english = hn.pages().filter(locale__language_code="en", depth__gt=2).specific()
    assert english.count() >= 15
    for page in english:
        assert page.slug == ascii_slugify(page.title), (page.title, page.slug)
    assert repair("--dry-run") == ["0 slugs to repair (dry run: nothing changed)."]
