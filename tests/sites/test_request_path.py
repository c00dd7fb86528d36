"""The cheap request path: the site and department without a query, and what a proxy may keep."""

from django.test import Client, RequestFactory

from wagtail.models import Site

import pytest

from sites import edge, resolver

pytestmark = pytest.mark.django_db


def request_for(host: str):
    return RequestFactory().get("/vi/", HTTP_HOST=host)


def test_the_site_and_department_of_a_host_cost_no_query_once_cached(
    department, django_assert_num_queries
):
    hcm = department("HCM")
    site, found = resolver.resolve(request_for("hcm.localhost"))
    assert site.pk == hcm.site_id and found.pk == hcm.pk
    with django_assert_num_queries(0):
        request = request_for("hcm.localhost")
        site, found = resolver.resolve(request)
        assert found.code == "HCM" and Site.find_for_request(request).pk == hcm.site_id


def test_a_changed_hostname_or_department_is_seen_at_once(department):
    hcm, hn = department("HCM"), department("HN")
    assert resolver.resolve(request_for("hcm.localhost"))[1].pk == hcm.pk
    site = Site.objects.get(pk=hcm.site_id)
    site.hostname = "hcm-moi.localhost"
    site.save()
    assert resolver.resolve(request_for("hcm-moi.localhost"))[1].pk == hcm.pk
    assert resolver.resolve(request_for("hcm.localhost"))[1] != hcm  # no longer HCM's
    hn.name = "Cục Hải quan Hà Nội (mới)"
    hn.save()
    assert resolver.resolve(request_for("hanoi.localhost"))[1].name == "Cục Hải quan Hà Nội (mới)"


def test_an_anonymous_cached_api_answer_costs_no_query(department, django_assert_num_queries):
    department("HCM")
    client = Client()
    assert client.get("/api/news/", HTTP_HOST="hcm.localhost")["X-Cache"] == "miss"
    with django_assert_num_queries(0):
        response = client.get("/api/news/", HTTP_HOST="hcm.localhost")
    assert response["X-Cache"] == "hit" and not response.cookies


def test_public_answers_carry_their_keys_and_private_ones_none(department, superuser):
    hcm, hn = department("HCM"), department("HN")
    home = Client().get("/vi/", HTTP_HOST="hcm.localhost")
    keys = set(home["Surrogate-Key"].split())
    assert {edge.ALL, edge.department_key(hcm.pk), edge.NATIONAL} <= keys
    assert edge.department_key(hn.pk) not in keys
    assert home["Surrogate-Control"].startswith("max-age=")

    logged_in = Client()
    logged_in.force_login(superuser)
    for response in (
        logged_in.get("/vi/", HTTP_HOST="hcm.localhost"),
        Client().get("/admin/login/", HTTP_HOST="hcm.localhost"),
    ):
        assert "Surrogate-Key" not in response and "Surrogate-Control" not in response
        assert "private" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_a_publish_in_one_department_keeps_the_others_api_cache(department):
    from cms.news.factories import news_article_factory
    from tests.sites.test_proxy import news_index

    hcm, hn = department("HCM"), department("HN")
    client = Client()
    for host in ("hcm.localhost", "hanoi.localhost"):
        client.get("/api/news/", HTTP_HOST=host)
        assert client.get("/api/news/", HTTP_HOST=host)["X-Cache"] == "hit"
    news_article_factory(news_index(hcm), title="Hải quan TP. Hồ Chí Minh thu ngân sách")
    assert client.get("/api/news/", HTTP_HOST="hanoi.localhost")["X-Cache"] == "hit"
    assert client.get("/api/news/", HTTP_HOST="hcm.localhost")["X-Cache"] == "miss"
    assert hn.pk != hcm.pk


def test_a_change_names_only_its_departments_keys(department):
    from cms.news.factories import news_article_factory
    from tests.sites.test_proxy import news_index

    hcm, hq = department("HCM"), department("HQ")
    article = news_article_factory(news_index(hcm), title="Tin của Hồ Chí Minh")
    assert edge.keys_for_change(article) == {edge.department_key(hcm.pk), edge.page_key(article.pk)}
    national = news_article_factory(news_index(hq), title="Tin toàn quốc")
    assert edge.keys_for_change(national) == {
        edge.department_key(hq.pk),
        edge.NATIONAL,
        edge.page_key(national.pk),
    }
    assert edge.keys_for_change(hcm) == {edge.ALL}
