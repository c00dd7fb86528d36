"""What every request asks of its department comes from the shared cache, and is never stale."""

from wagtail.models import Locale, Page, Site

import pytest

from sites.models import department_for_site

pytestmark = pytest.mark.django_db


def test_the_department_of_a_site_and_its_site_cost_no_query_once_cached(
    department, django_assert_num_queries
):
    hcm = department("HCM")
    department_for_site(hcm.site)
    with django_assert_num_queries(0):
        cached = department_for_site(hcm.site)
        assert cached.pk == hcm.pk
        assert cached.site.hostname == hcm.site.hostname


def test_saving_a_department_or_its_site_drops_the_cached_department(department):
    hcm = department("HCM")
    department_for_site(hcm.site)
    hcm.name = "Cục Hải quan Thành phố Hồ Chí Minh (mới)"
    hcm.save()
    assert department_for_site(hcm.site).name == "Cục Hải quan Thành phố Hồ Chí Minh (mới)"
    site = Site.objects.get(pk=hcm.site_id)
    site.hostname = "hcm-moi.localhost"
    site.save()
    assert department_for_site(site).site.hostname == "hcm-moi.localhost"


def test_home_paths_cost_no_query_once_cached(department, django_assert_num_queries):
    hn = department("HN")
    expected = sorted(hn.home_pages().values_list("locale_id", "path"))
    assert sorted(hn.home_paths()) == expected
    with django_assert_num_queries(0):
        assert sorted(hn.home_paths()) == expected
        hn.tree_condition()


def test_deleting_or_adding_a_translated_home_drops_the_cached_paths(department):
    hn = department("HN")
    english = Locale.objects.get(language_code="en")
    vietnamese_home = hn.site.root_page
    assert {locale for locale, _path in hn.home_paths()} == {vietnamese_home.locale_id, english.pk}

    vietnamese_home.get_translation(english).delete()
    assert [locale for locale, _path in hn.home_paths()] == [vietnamese_home.locale_id]
    assert not hn.pages().filter(locale=english).exists()

    new_home = Page.objects.get(pk=vietnamese_home.pk).specific.copy_for_translation(english)
    assert (english.pk, new_home.path) in hn.home_paths()
    assert hn.pages().filter(pk=new_home.pk).exists()


def test_moving_a_home_drops_the_cached_paths(department):
    hn, hcm = department("HN"), department("HCM")
    english = Locale.objects.get(language_code="en")
    english_home = hn.site.root_page.get_translation(english)
    hn.home_paths()
    # An unusual move, but the cached tree must follow it.
    english_home.move(hcm.site.root_page, pos="last-child")
    moved = Page.objects.get(pk=english_home.pk)
    assert (english.pk, moved.path) in hn.home_paths()


def test_another_departments_pages_are_outside_the_tree(department):
    hn, hcm = department("HN"), department("HCM")
    assert not hn.pages().filter(pk=hcm.site.root_page_id).exists()
    assert hn.pages().filter(pk=hn.site.root_page_id).exists()


def test_paths_cached_by_another_reader_before_the_commit_are_dropped_after_it(
    department, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from sites.models import _home_paths_cache_key

    hn = department("HN")
    english = Locale.objects.get(language_code="en")
    before = hn.home_paths()
    with django_capture_on_commit_callbacks(execute=True):
        hn.site.root_page.get_translation(english).delete()
        # Another process reads the committed (old) rows before this transaction commits.
        cache.set(_home_paths_cache_key(hn.pk), before)
    assert [locale for locale, _path in hn.home_paths()] == [hn.site.root_page.locale_id]
