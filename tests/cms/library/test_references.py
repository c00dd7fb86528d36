"""The library is HQ's: its files are HQ's or the shared collection's, never a department's."""

from django.core.exceptions import ValidationError

import pytest

from cms.core.factories import document_factory
from sites.provisioning import shared_library_collection
from tests.cms.library.factories import legal_document, procedure

pytestmark = pytest.mark.django_db


def refused_fields(instance) -> set[str]:
    try:
        instance.full_clean()
    except ValidationError as error:
        return set(error.message_dict)
    return set()


def test_library_items_refuse_a_departments_file_and_take_hqs_or_shared_ones(department):
    hq, hn = department("HQ"), department("HN")
    item = procedure(en=False)
    decree = legal_document(en=False)
    theirs = document_factory("Tờ khai của Hà Nội", collection=hn.collection)
    for own in (
        document_factory("Mẫu tờ khai", collection=shared_library_collection()),
        document_factory("Mẫu của Tổng cục", collection=hq.collection),
    ):
        item.forms.set([theirs])
        decree.file = theirs
        assert refused_fields(item) == {"forms"}
        assert refused_fields(decree) == {"file"}
        item.forms.set([own])
        decree.file = own
        assert refused_fields(item) == set()
        assert refused_fields(decree) == set()
