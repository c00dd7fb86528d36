"""update_index rebuilds the folding index; what a failing backend missed is indexed again."""

import logging

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

import pytest

from cms.standard.models import StandardPage
from search.query import site_search
from tests.conftest import add_page

pytestmark = pytest.mark.django_db


def test_update_index_rebuilds_an_emptied_index_with_folded_text(department):
    hn = department("HN")
    add_page(hn.site.root_page, StandardPage, title="Kiểm tra đường ống dẫn dầu", slug="duong-ong")
    get_search_backend().get_index_for_model(
        StandardPage
    ).reset()  # what a failed or skipped indexing leaves behind
    assert site_search(hn, "duong ong", "vi").results == []
    call_command("update_index", verbosity=0)
    assert [hit.title for hit in site_search(hn, "duong ong", "vi").results] == [
        "Kiểm tra đường ống dẫn dầu"
    ]


def test_a_failing_index_never_makes_a_publish_fail_and_update_index_catches_up(department, caplog):
    hn = department("HN")
    broken = {"default": {"BACKEND": "tests.search.failing_backend"}}
    with (
        override_settings(WAGTAILSEARCH_BACKENDS=broken),
        caplog.at_level(logging.ERROR, "modelsearch.index"),
        transaction.atomic(),  # as a publish in the admin runs (ATOMIC_REQUESTS or not)
    ):
        page = add_page(hn.site.root_page, StandardPage, title="Lịch chạy tàu", slug="lich")
        page.title = "Lịch chạy tàu đường sắt liên vận"
        page.save_revision().publish()
        # The transaction is still usable after the failed index write (PostgreSQL included).
        assert Page.objects.get(pk=page.pk).title == "Lịch chạy tàu đường sắt liên vận"
    assert "Exception raised while adding" in caplog.text
    assert "portal_search_missing_table" in caplog.text
    page.refresh_from_db()
    assert page.live and page.title == "Lịch chạy tàu đường sắt liên vận"
    assert site_search(hn, "duong sat", "vi").results == []  # missed by the broken index
    call_command("update_index", verbosity=0)
    assert [hit.pk for hit in site_search(hn, "duong sat", "vi").results] == [page.pk]
