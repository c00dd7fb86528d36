"""`seed_demo`: the demo departments, bilingual, with their people; idempotent."""

from io import StringIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

import pytest

from sites.models import Department


def row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


@pytest.mark.django_db
def test_seed_demo_builds_eight_bilingual_departments_and_is_idempotent():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    first = row_counts()
    call_command("seed_demo", stdout=StringIO())

    assert row_counts() == first
    assert set(Department.objects.values_list("code", flat=True)) == {
        "HQ",
        "HN",
        "HCM",
        "BD",
        "DNAI",
        "BRVT",
        "QN",
        "DNG",
    }
    assert Department.objects.get(is_headquarters=True).site.is_default_site
    editor = get_user_model().objects.get(username="editor-hcm")
    assert list(Department.objects.for_user(editor)) == [Department.objects.get(code="HCM")]
    assert "editor-hcm / editor-hcm" in out.getvalue()
    references = StringIO()
    call_command("check_references", stdout=references)  # exits 1 on any cross reference
    assert references.getvalue().splitlines()[-1] == "0"

    client = Client()
    dong_nai = client.get("/vi/", HTTP_HOST="dongnai.localhost:8000").content.decode()
    assert "Cục Hải quan tỉnh Đồng Nai" in dong_nai
    english = client.get("/en/introduction/", HTTP_HOST="hcm.localhost:8000").content.decode()
    assert "Ho Chi Minh City Customs Department" in english
    assert "Customs modernisation" in english
