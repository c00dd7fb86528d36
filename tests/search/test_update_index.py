"""update_index rebuilds the folding index; what a failing backend missed is indexed again."""

from django.core.management import call_command

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
