"""A search that finds nothing: the zero-result report stays bounded under a flood, and the
"other departments' sites have matches" hint runs one search whatever the number of sites."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from cms.standard.models import StandardPage
from search.models import ZeroResultQuery
from tests.conftest import add_page

pytestmark = pytest.mark.django_db


def search(client, department, query):
    response = client.get("/vi/search/", {"q": query}, HTTP_HOST=department.site.hostname)
    assert response.status_code == 200
    return response


def test_new_zero_result_rows_stop_at_the_daily_cap_of_a_department(client, department):
    hn, hcm = department("HN"), department("HCM")
    today = timezone.localdate()
    cap = ZeroResultQuery.DAILY_NEW_ROWS
    assert cap == 1000
    ZeroResultQuery.objects.bulk_create(
        ZeroResultQuery(department=hn, query=f"vo nghia {n}", language="vi", date=today, searches=1)
        for n in range(cap)
    )
    search(client, hn, "Xyzzy Plugh")  # an anonymous flood of new queries: not stored
    assert not ZeroResultQuery.objects.filter(query="xyzzy plugh").exists()
    assert ZeroResultQuery.objects.filter(department=hn, date=today).count() == cap
    search(client, hn, "vô nghĩa 7")  # a query already stored today is still counted
    assert ZeroResultQuery.objects.get(department=hn, query="vo nghia 7").searches == 2
    # Control: another department, and the next day, still record.
    search(client, hcm, "Xyzzy Plugh")
    assert ZeroResultQuery.objects.filter(department=hcm, query="xyzzy plugh").exists()
    ZeroResultQuery.objects.filter(department=hn).update(date=today - datetime.timedelta(days=1))
    search(client, hn, "Xyzzy Plugh")
    assert ZeroResultQuery.objects.filter(department=hn, query="xyzzy plugh").exists()


def hint_queries(client, home):
    search(client, home, "Tân Sơn Nhất")  # warm the caches (site, settings, home paths)
    with CaptureQueriesContext(connection) as queries:
        response = search(client, home, "Tân Sơn Nhất")
    return len(queries), [site["name"] for site in response.context["elsewhere"]]


def test_the_other_sites_hint_runs_one_search_whatever_the_number_of_departments(
    client, department
):
    hn = department("HN")
    counts, found = [], []
    for code in ("HCM", "BD", "HQ"):
        other = department(code)
        add_page(other.site.root_page, StandardPage, title="Cửa khẩu Tân Sơn Nhất", slug="tsn")
        count, names = hint_queries(client, hn)
        counts.append(count)
        found.append(names)
    assert counts[0] == counts[1] == counts[2], counts
    assert found[-1] == sorted(found[-1]) and len(found[-1]) == 3
    assert [len(names) for names in found] == [1, 2, 3]
