"""The OpenAPI document is built once per process: every request to `/api/openapi.json` (any
site, any cache miss) serves the same document with its own server URL."""

from django.core.cache import cache
from django.test import Client

import pytest

from cms.api import contract

pytestmark = pytest.mark.django_db


def test_the_document_is_built_once_for_every_request_and_site(department, monkeypatch):
    hcm, hn = department("HCM"), department("HN")
    built = []
    real = contract._content_schemas
    monkeypatch.setattr(contract, "_content_schemas", lambda *args: built.append(1) or real(*args))
    contract.built_document.cache_clear()
    servers = []
    for site in (hcm, hn, hcm):
        cache.clear()  # the API's response cache aside: each request reaches the view
        response = Client().get("/api/openapi.json", HTTP_HOST=site.site.hostname)
        assert response.status_code == 200
        servers.append(response.json()["servers"][0]["url"])
    assert len(built) == 1
    assert [url.split("//")[1].split(":")[0].split("/")[0] for url in servers] == [
        hcm.site.hostname,
        hn.site.hostname,
        hcm.site.hostname,
    ]
    # The copy a caller gets is its own: changing it does not change what is served.
    mine = contract.document()
    mine["paths"].clear()
    assert contract.document()["paths"]
