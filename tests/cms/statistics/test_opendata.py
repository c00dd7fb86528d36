"""The open data agree: the CSV downloads, the JSON download and the API give the same figures,
and those are the database's sums."""

import csv
import io
import json

from django.db.models import Sum
from django.test import Client

from cms.statistics.models import MonthlyFigure
from cms.statistics.models.figures import COUNTS

from .test_pages import figures  # noqa: F401 — the shared fixture


def rows_of(response) -> list[dict]:
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.DictReader(io.StringIO(text.decode("utf-8-sig"))))


def test_csv_json_and_api_give_the_same_figures(figures):  # noqa: F811
    for host, code in (("hcm.localhost", "HCM"), ("localhost", None)):
        client = Client(HTTP_HOST=host)
        months_csv = rows_of(client.get("/vi/thong-ke/2026.csv"))
        download = json.loads(client.get("/vi/thong-ke/2026.json").content)
        api = client.get("/api/statistics/", {"year": 2026}).json()
        assert download == api
        assert [row["month"] for row in months_csv] == [m["month"] for m in api["months"]]
        for row, month in zip(months_csv, api["months"], strict=True):
            assert {n: int(row[n]) for n in COUNTS} == {n: month[n] for n in COUNTS}
        services_csv = rows_of(client.get("/vi/thong-ke/2026-dich-vu.csv"))
        services_api = client.get("/api/statistics/services/", {"year": 2026}).json()["items"]
        assert [(r["service"], int(r["received_online"])) for r in services_csv] == [
            (s["code"], s["received_online"]) for s in services_api
        ]
        rows = MonthlyFigure.objects.filter(month__year=2026)
        if code:
            rows = rows.filter(department__code=code)
        database = rows.aggregate(**{n: Sum(n) for n in COUNTS})
        assert {n: api["totals"][n] for n in COUNTS} == database


def test_national_api_is_the_hq_sites_figures_from_any_site(figures):  # noqa: F811
    national = Client(HTTP_HOST="hcm.localhost").get("/api/statistics/national/?year=2026").json()
    at_hq = Client(HTTP_HOST="localhost").get("/api/statistics/?year=2026").json()
    assert national == at_hq and national["scope"] == "national"
    assert {d["code"] for d in national["departments"]} == {"HCM", "BD"}


def test_one_procedures_figures_and_an_unknown_code(figures):  # noqa: F811
    client = Client(HTTP_HOST="hcm.localhost")
    one = client.get("/api/statistics/services/", {"year": 2026, "code": "GH-QC"}).json()
    assert [(i["code"], i["received_online"], i["is_procedure"]) for i in one["items"]] == [
        ("GH-QC", 42, False)
    ]
    missing = client.get("/api/statistics/services/", {"year": 2026, "code": "0.000000"})
    assert missing.status_code == 404
    assert client.get("/api/statistics/", {"year": "abc"}).status_code == 400


def test_coverage_counts_procedures_by_their_classification_of_the_year(figures):  # noqa: F811
    data = Client(HTTP_HOST="localhost").get("/api/statistics/coverage/?year=2026").json()
    coverage = data["coverage"]
    assert (coverage["procedures"], coverage["online"], coverage["by_level"]["4"]) == (3, 2, 1)
    assert (coverage["core"], coverage["core_fully_online"]) == (2, 1)
    before = Client(HTTP_HOST="localhost").get("/api/statistics/coverage/?year=2020").json()
    assert before["coverage"]["procedures"] == 0  # nothing was classified yet
