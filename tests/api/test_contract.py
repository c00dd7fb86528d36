"""The served OpenAPI document is the contract: every answer below validates against the
schema the document gives for its path, method and status; no answer holds a key that no schema
declares; and each answer, normalised, equals its golden file in tests/api/expected/.

A missing golden file fails; `pytest tests/api/test_contract.py --update-golden` writes them
(review the diff before committing). The data is built once for the module (rolled back after
it) and each answer is requested once, so the checks cost one provisioning, not one per case.
"""

import datetime
import json
import re

from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, override_settings

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest

from tests.api.conftest import make_sites
from tests.api.contract import EXPECTED, Contract, golden

pytestmark = pytest.mark.django_db
HOST = "hcm.localhost"
QUESTION = {
    "name": "Phạm Minh Châu",
    "organisation": "Công ty TNHH Thương mại Đông Nai",
    "tax_code": "3601234567890",
    "email": "chau.pham@dongnai.vn",
    "phone": "0251 3822 222",
    "topic": "origin",
    "question": "Hàng nhập khẩu từ Hàn Quốc có C/O mẫu AK thì được hưởng thuế suất ưu đãi nào?",
    "language": "vi",
    "consent": True,
}


def build_world() -> dict:
    """HCM and HN (tests/api/conftest.make_sites) and, for HCM, one of everything the API
    serves: logo and contact, an image and a form, news (live with a lead image and a body,
    and a draft), a procedure with every field filled, a legal document, a local note, a
    published answer and a received question."""
    from cms.alerts.models import GateStatus, Severity
    from cms.alerts.services import update_gate_status
    from cms.api.models import ApiToken
    from cms.consultation.models import QAIndexPage, QuestionAnswerPage
    from cms.consultation.services import Submission, receive_question
    from cms.library.models import LocalNote, Procedure
    from cms.news.factories import news_article_factory
    from cms.news.models import NewsIndexPage
    from sites.models import DepartmentSettings
    from tests.cms.alerts.factories import alert, gate
    from tests.cms.library.factories import legal_document, procedure
    from tests.cms.statistics.factories import figure as statistics_figure
    from tests.cms.statistics.factories import service as statistics_service
    from tests.cms.statistics.factories import target as statistics_target
    from tests.conftest import add_page

    sites = make_sites()
    hcm = sites["HCM"]["department"]
    image = get_image_model().objects.create(
        title="Cửa khẩu Cát Lái", file=get_test_image_file(), collection=hcm.collection
    )
    logo = get_image_model().objects.create(
        title="Biểu trưng Cục Hải quan TP.HCM",
        file=get_test_image_file(filename="logo.png"),
        collection=hcm.collection,
    )
    form = get_document_model().objects.create(
        title="Mẫu tờ khai hải quan",
        file=ContentFile(b"%PDF-1.4\n", name="to-khai.pdf"),
        collection=hcm.collection,
    )
    branding = DepartmentSettings.for_site(hcm.site)
    branding.logo = logo
    branding.address = "2 Hàm Nghi, phường Sài Gòn, TP. Hồ Chí Minh"
    branding.address_en = "2 Ham Nghi, Sai Gon Ward, Ho Chi Minh City"
    branding.phone = "028 3829 1234"
    branding.hotline = "1900 9299"
    branding.email = "hqhcm@customs.gov.vn"
    branding.facebook_url = "https://www.facebook.com/haiquanhcm"
    branding.save()

    index = NewsIndexPage.objects.child_of(hcm.site.root_page).get()
    article = news_article_factory(
        index,
        title="Thu ngân sách 10 tháng đạt 85% dự toán",
        date=datetime.date(2024, 11, 2),
        teaser="Cục Hải quan TP.HCM thu ngân sách đạt 85% dự toán năm.",
        tags=("thu-ngan-sach",),
        lead_image=image,
        body=[
            {"type": "heading", "value": "Kết quả thu"},
            {"type": "paragraph", "value": "<p>Số thu tăng so với cùng kỳ.</p>"},
            {"type": "image", "value": {"image": image.pk, "alt_text": "Cảng Cát Lái"}},
        ],
    )
    draft = news_article_factory(
        index,
        title="Bản nháp: hướng dẫn khai báo điện tử",
        date=datetime.date(2024, 11, 5),
        teaser="Chưa xuất bản.",
        publish=False,
    )
    decree = legal_document("85/2019/NĐ-CP")
    item = procedure(
        "1.008316",
        legal_bases=[decree],
        applicants="Tổ chức, cá nhân xuất khẩu, nhập khẩu hàng hóa",
        fees="20.000 đồng/tờ khai",
        online_url="https://pus.customs.gov.vn/",
        effective_on=datetime.date(2020, 1, 1),
        category=Procedure.Category.DECLARATION,
        dossier=[
            {"type": "component", "value": {"item": "Tờ khai hải quan", "originals": 1}},
            {"type": "component", "value": {"item": "Hóa đơn thương mại", "copies": 1}},
        ],
        steps=[
            {"type": "step", "value": "Người khai hải quan khai và nộp hồ sơ qua VNACCS/VCIS."},
            {"type": "step", "value": "Cơ quan hải quan kiểm tra và thông quan."},
        ],
    )
    item.forms.add(form)
    item.save()
    note = LocalNote.objects.create(
        department=hcm, procedure=item, office="Chi cục Hải quan Cát Lái", hotline="1900 9299"
    )
    qa_index = QAIndexPage.objects.child_of(hcm.home_pages().get(locale__language_code="vi")).get()
    answer = add_page(
        qa_index,
        QuestionAnswerPage,
        title="Xuất xứ hàng hóa C/O mẫu D",
        question="C/O mẫu D nộp bản giấy hay điện tử?",
        topic_category="origin",
        answer="<p>Nộp bản điện tử qua hệ thống eCoSys.</p>",
        asked_on=datetime.date(2024, 10, 1),
        answered_on=datetime.date(2024, 10, 8),
    )
    question = receive_question(
        hcm,
        Submission(
            asker_name="Nguyễn Văn An",
            email="an.nguyen@congty.vn",
            question="Máy móc nhập khẩu để tạo tài sản cố định có được miễn thuế không?",
            language="vi",
            topic_category="refund",
            organisation="Công ty TNHH Xuất nhập khẩu Sài Gòn",
            tax_code="0301234567",
            phone="028 3829 1234",
            consent_to_publish=True,
        ),
    )
    token = ApiToken(department=hcm, name="Hệ thống biên tập", scope="draft").issue()
    export = statistics_service(code="1.008316", name=item.title)
    statistics_service(
        code="GH-QC",
        name="Gia hạn thời gian quá cảnh hàng hóa",
        name_en="Extension of transit of goods",
        kind="other",
    )
    for month in (1, 2):
        statistics_figure(hcm, export, datetime.date(2026, month, 1), received_online=1200 * month)
    statistics_target(hcm)
    warning = alert(
        hcm,
        "Cảng Cát Lái ùn tắc, dự kiến chờ 2 giờ",
        title_en="Cat Lai Port is congested; expect a 2-hour wait",
        text="Cảng làm việc xuyên cuối tuần.",
        text_en="The port works through the weekend.",
        severity=Severity.WARNING,
        link="https://www.customs.gov.vn/",
    )
    cat_lai = gate(
        hcm,
        address="Phường Cát Lái, TP. Hồ Chí Minh",
        address_en="Cat Lai Ward, Ho Chi Minh City",
        hours="24/7",
        hours_en="24/7",
    )
    update_gate_status(cat_lai, None, GateStatus.OPEN)
    update_gate_status(
        cat_lai, None, GateStatus.CONGESTED, "Lượng container tăng cao.", "High volumes.", 120
    )
    return {
        "sites": sites,
        "ids": {
            "public": sites["HCM"]["public"].pk,
            "article": article.pk,
            "draft": draft.pk,
            "image": image.pk,
            "document": form.pk,
            "note": note.pk,
            "answer": answer.pk,
            "alert": warning.pk,
            "gate": cat_lai.pk,
        },
        "question": question,
        "token": token,
        "responses": {},
    }


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(_module_world, db):
    return _module_world


@pytest.fixture
def contract(world) -> Contract:
    if "document" not in world:
        response = Client().get("/api/openapi.json", HTTP_HOST=HOST)
        assert response.status_code == 200, response.content[:500]
        world["document"] = response.json()
    return Contract(world["document"])


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


# name: (method, path, query or JSON body, status)
CASES = {
    "department": ("get", "/api/department/", {"locale": "en"}, 200),
    "pages": (
        "get",
        "/api/pages/",
        {"locale": "vi", "type": "standard.StandardPage", "fields": "teaser", "order": "title"},
        200,
    ),
    "page": ("get", "/api/pages/{public}/", {}, 200),
    "images": ("get", "/api/images/", {}, 200),
    "image": ("get", "/api/images/{image}/", {}, 200),
    "documents": ("get", "/api/documents/", {}, 200),
    "document": ("get", "/api/documents/{document}/", {}, 200),
    "rendition": (
        "get",
        "/api/images/{image}/rendition/",
        {"size": "square", "format": "png"},
        200,
    ),
    "search": ("get", "/api/search/", {"q": "Thông báo"}, 200),
    "search_suggest": ("get", "/api/search/suggest/", {"q": "Thông b", "locale": "vi"}, 200),
    "changes": ("get", "/api/changes/", {"since": "", "limit": 3}, 200),
    "changes_library": ("get", "/api/changes/", {"since": "", "limit": 100}, 200),
    "news": ("get", "/api/news/", {"fields": "*"}, 200),
    "news_item": ("get", "/api/news/{article}/", {}, 200),
    "news_draft": ("get", "/api/news/{draft}/draft/", {}, 200),
    "procedures": ("get", "/api/procedures/", {}, 200),
    "procedure": ("get", "/api/procedures/1.008316/", {}, 200),
    "legal_documents": ("get", "/api/legal-documents/", {"locale": "en"}, 200),
    "legal_document": ("get", "/api/legal-documents/85-2019-nd-cp/", {}, 200),
    "local_notes": ("get", "/api/local-notes/", {}, 200),
    "local_note": ("get", "/api/local-notes/{note}/", {}, 200),
    "question_asked": ("post", "/api/questions/", QUESTION, 201),
    "question_status": ("get", "/api/questions/status/", {}, 200),
    "question_answers": ("get", "/api/questions/", {}, 200),
    "question_answer_page": ("get", "/api/pages/{answer}/", {}, 200),
    "question_figures": ("get", "/api/questions/figures/", {}, 200),
    "statistics": ("get", "/api/statistics/", {"year": 2026}, 200),
    "statistics_national": ("get", "/api/statistics/national/", {"locale": "en"}, 200),
    "statistics_services": ("get", "/api/statistics/services/", {"year": 2026}, 200),
    "statistics_coverage": ("get", "/api/statistics/coverage/", {"year": 2026}, 200),
    "statistics_push": (
        "post",
        "/api/statistics/figures/",
        {
            "figures": [
                {
                    "service": "GH-QC",
                    "month": "2026-03",
                    "received_online": 7,
                    "on_time": 7,
                },
                {
                    "service": "1.008316",
                    "month": "2026-01",
                    "received_online": 1200,
                    "on_time": 105,
                    "received_other": 10,
                    "pending": 5,
                    "online_traders": 20,
                },
            ]
        },
        200,
    ),
    "alerts": ("get", "/api/alerts/", {"locale": "en"}, 200),
    "gates": ("get", "/api/gates/", {}, 200),
    "gate": ("get", "/api/gates/{gate}/", {"locale": "en"}, 200),
    "problem_400": ("get", "/api/pages/", {"limit": "abc"}, 400),
    "problem_404": ("get", "/api/pages/999999/", {}, 404),
}


def answer(world: dict, name: str):
    """The test client's response for one case, requested once per module.

    Requests run with API_VALIDATE_RESPONSES on, so where the server checks its own answers
    against their declared schemas, an undeclared field fails here too.
    """
    if name not in world["responses"]:
        method, path, data, _ = CASES[name]
        path = path.format(**world["ids"])
        headers = {"HTTP_HOST": HOST}
        if name in ("news_draft", "statistics_push"):
            headers["HTTP_AUTHORIZATION"] = f"Bearer {world['token']}"
        if name == "question_status":
            data = {"reference": world["question"].reference, "email": world["question"].email}
        with override_settings(API_VALIDATE_RESPONSES=True):
            if method == "post":
                response = Client().post(
                    path, json.dumps(data), content_type="application/json", **headers
                )
            else:
                response = Client().get(path, data, **headers)
        world["responses"][name] = (path, method, response)
    return world["responses"][name]


@pytest.mark.parametrize("name", CASES)
def test_the_answer_matches_the_document_and_its_golden_file(world, contract, update_golden, name):
    path, method, response = answer(world, name)
    assert response.status_code == CASES[name][3], response.content[:1000]
    contract.check_response(path, method, response)
    golden(name, response.json(), update=update_golden)


@pytest.mark.parametrize("name", CASES)
def test_every_key_of_the_answer_is_declared_in_its_schema(world, contract, name):
    path, method, response = answer(world, name)
    pointer = contract.schema_pointer(path, method, response.status_code, response["Content-Type"])
    undeclared = contract.undeclared(pointer, response.json())
    assert not undeclared, (
        f"{method.upper()} {path}: keys the server returns but {pointer} does not declare "
        f"(a typed client cannot use them): {undeclared}"
    )


def test_a_field_added_without_its_schema_is_caught(world, contract):
    """The check above can fail: a key slipped into a known answer is reported where it is."""
    path, method, response = answer(world, "question_figures")
    pointer = contract.schema_pointer(path, method, 200, response["Content-Type"])
    body = response.json()
    assert contract.undeclared(pointer, body) == []  # the control: the real answer passes
    assert contract.undeclared(pointer, {**body, "asker_emails": []}) == ["/asker_emails"]

    path, method, response = answer(world, "problem_404")
    pointer = contract.schema_pointer(path, method, 404, response["Content-Type"])
    assert contract.undeclared(pointer, {**response.json(), "trace": "…"}) == ["/trace"]


#: Operations without a golden answer, and why.
NOT_GOLDEN = {
    # State-changing writes: they answer the draft's shape (the news_draft golden file) and
    # are checked against the document in test_write_answers_match_the_document and
    # tests/api/test_writes.py.
    ("post", "/api/news/"),
    ("patch", "/api/news/{}/"),
    ("post", "/api/news/{}/submit/"),
    ("post", "/api/news/{}/publish/"),
    # Wagtail's find views answer a redirect to the object's detail, which has its golden file.
    ("get", "/api/pages/find/"),
    ("get", "/api/images/find/"),
    ("get", "/api/documents/find/"),
}


def test_every_operation_of_the_document_has_a_golden_answer(world, contract):
    covered = {
        (method, contract.path_template(path.format(**world["ids"])))
        for method, path, _, _ in CASES.values()
    }
    missing = sorted(
        f"{method.upper()} {path}"
        for path, item in contract.document["paths"].items()
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
        and (method, path) not in covered
        and (method, re.sub(r"\{[^}]+\}", "{}", path)) not in NOT_GOLDEN
    )
    assert not missing, f"operations with no golden answer (add a case to CASES): {missing}"


def test_every_golden_file_belongs_to_a_case():
    stale = sorted(path.stem for path in EXPECTED.glob("*.json") if path.stem not in CASES)
    assert not stale, f"golden files no case produces (delete them): {stale}"


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/api/pages/", {"limit": "1000"}, "limit"),
        ("/api/pages/", {"limit": "abc"}, "limit"),
        ("/api/pages/", {"nonsense": "1"}, "nonsense"),
        ("/api/pages/", {"locale": "fr"}, "locale"),
        ("/api/pages/", {"fallback": "xx"}, "fallback"),
        ("/api/pages/", {"type": "no.SuchPage"}, "type"),
        ("/api/pages/", {"fields": "no_such_field"}, "fields"),
        ("/api/pages/", {"order": "no_such_field"}, "order"),
        ("/api/images/", {"offset": "-1"}, "offset"),
        ("/api/search/", {}, "q"),
        ("/api/search/", {"q": "x", "limit": "101"}, "limit"),
        ("/api/search/suggest/", {}, "q"),
        ("/api/search/suggest/", {"q": "Da N", "limit": "0"}, "limit"),
        ("/api/changes/", {"since": "garbage"}, "since"),
        ("/api/department/", {"locale": "de"}, "locale"),
        ("/api/department/", {"x": "1"}, "x"),
        ("/api/questions/", {"topic": "xyz"}, "topic"),
        ("/api/questions/status/", {"reference": "x"}, "email"),
        ("/api/questions/figures/", {"days": "0"}, "days"),
    ],
)
def test_bad_parameters_answer_a_documented_400_problem_naming_the_parameter(
    world, contract, path, params, parameter
):
    response = Client().get(path, params, HTTP_HOST=HOST)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    contract.check_response(path, "get", response)
    body = response.json()
    assert body["parameter"] == parameter
    assert body["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/pages/999999/",
        "/api/images/999999/",
        "/api/documents/999999/",
        "/api/images/999999/rendition/",
        "/api/news/999999/",
        "/api/procedures/9.999999/",
        "/api/legal-documents/khong-co/",
        "/api/local-notes/999999/",
        "/api/gates/999999/",
    ],
)
def test_unknown_ids_answer_a_documented_404_problem(world, contract, path):
    response = Client().get(path, HTTP_HOST=HOST)
    assert response.status_code == 404
    assert response.json()["status"] == 404
    contract.check_response(path, "get", response)


@pytest.mark.parametrize("value", ["³", "١٢", "-1", "1e3"])
def test_non_ascii_or_signed_numbers_are_a_400_naming_the_parameter(world, value):
    """Found by the fuzzer: "³".isdigit() is true, but it is no number."""
    for path in ("/api/pages/", "/api/changes/"):
        response = Client().get(path, {"limit": value}, HTTP_HOST=HOST)
        assert response.status_code == 400, (path, value)
        assert "limit" in response.content.decode()


def test_write_answers_match_the_document(world, contract):
    from cms.api.models import ApiToken

    token = ApiToken(department=world["sites"]["HCM"]["department"], name="Hợp đồng", scope="draft")
    bearer = f"Bearer {token.issue()}"
    created = Client().post(
        "/api/news/",
        json.dumps({"title": "Tin thử nghiệm"}),
        content_type="application/json",
        HTTP_HOST=HOST,
        HTTP_AUTHORIZATION=bearer,
    )
    assert created.status_code == 201, created.content
    pointer = contract.check_response("/api/news/", "post", created)
    undeclared = contract.undeclared(pointer, created.json())
    assert not undeclared, f"POST /api/news/ 201: keys {pointer} does not declare: {undeclared}"
    refused = Client().post("/api/news/", "{}", content_type="application/json", HTTP_HOST=HOST)
    assert refused.status_code == 401
    contract.check_response("/api/news/", "post", refused)
    not_json = Client().post(
        "/api/questions/", "{", content_type="application/json", HTTP_HOST=HOST
    )
    assert not_json.status_code == 400
    contract.check_response("/api/questions/", "post", not_json)


def test_normalisation_replaces_what_varies_and_keeps_the_content():
    from tests.api.contract import normalize

    body = {
        "id": 41,
        "image_id": "7",
        "number": "85/2019/NĐ-CP",
        "issued_on": "2019-11-14",
        "received_at": "2026-12-06T09:03:52.123456+07:00",
        "reference": "HCM-2026-000012",
        "detail_url": "http://hcm.localhost:8000/api/pages/41/?locale=vi",
        "url": "http://hcm.localhost/media/images/test_AbC1234.2e16d0ba.fill-200x200.png",
        "facebook_url": "https://www.facebook.com/haiquanhcm",
        "detail": "token cpt_a1B2_xyz-9 is revoked",
        "meta": {"next": "full.3.0.12"},
    }
    assert normalize(body) == {
        "id": "<id>",
        "image_id": "<id>",
        "number": "85/2019/NĐ-CP",
        "issued_on": "2019-11-14",
        "received_at": "<datetime>",
        "reference": "<reference>",
        "detail_url": "<origin>/api/pages/<id>/?locale=vi",
        "url": "<origin>/media/images/test.2e16d0ba.fill-200x200.png",
        "facebook_url": "https://www.facebook.com/haiquanhcm",
        "detail": "token <token> is revoked",
        "meta": {"next": "<cursor>"},
    }
