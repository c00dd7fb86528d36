"""/api/questions/: ask (201/400/429), status lookup, published answers, figures — per Host."""

from django.test import Client, override_settings

from cms.consultation.models import QAIndexPage, Question, QuestionAnswerPage
from tests.cms.consultation.conftest import QUESTION_TEXT, ask
from tests.conftest import add_page

BODY = {
    "name": "Phạm Minh Châu",
    "organisation": "Công ty TNHH Thương mại Đông Nai",
    "tax_code": "3601234567890",
    "email": "chau.pham@dongnai.vn",
    "phone": "0251 3822 222",
    "topic": "origin",
    "question": QUESTION_TEXT,
    "language": "vi",
    "consent": True,
}


def post(host: str, body, client: Client | None = None):
    return (client or Client()).post(
        "/api/questions/", body, content_type="application/json", HTTP_HOST=host
    )


def test_post_creates_a_question_for_the_hosts_department(desks):
    a = desks["HCM"]
    response = post(a.host, BODY)
    assert response.status_code == 201
    data = response.json()
    question = Question.objects.get()
    assert data["reference"] == question.reference
    assert question.department == a.department
    assert question.tax_code == "3601234567890" and question.consent_to_publish
    assert data["status"] == "new"


@override_settings(CONSULTATION_RATE_LIMIT_PER_ADDRESS=100)
def test_bad_input_is_a_400_naming_the_field_and_saves_nothing(desks):
    host = desks["HCM"].host
    cases = {
        "name": {**BODY, "name": ""},
        "email": {**BODY, "email": "khong-hop-le"},
        "tax_code": {**BODY, "tax_code": "123"},
        "topic": {**BODY, "topic": "khong-ton-tai"},
        "question": {**BODY, "question": "x" * 5001},
        "consent": {**BODY, "consent": "có"},
        "phone": {**BODY, "phone": 12345678},
        "extra": {**BODY, "extra": "?"},
    }
    for field, body in cases.items():
        response = post(host, body)
        assert response.status_code == 400, field
        assert response["Content-Type"] == "application/problem+json"
        assert response.json()["parameter"] == field
    missing = {key: value for key, value in BODY.items() if key != "email"}
    assert post(host, missing).json()["parameter"] == "email"
    not_json = Client().post(
        "/api/questions/", "{", content_type="application/json", HTTP_HOST=host
    )
    assert not_json.status_code == 400 and not_json.json()["parameter"] == "body"
    assert post(host, ["a list"]).json()["parameter"] == "body"
    assert not Question.objects.exists()


@override_settings(CONSULTATION_RATE_LIMIT_PER_ADDRESS=2)
def test_past_the_limit_a_429_problem_and_earlier_questions_kept(desks):
    host = desks["HCM"].host
    client = Client()
    for number in range(2):
        assert post(host, {**BODY, "email": f"c{number}@dongnai.vn"}, client).status_code == 201
    refused = post(host, BODY, client)
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["status"] == 429
    assert refused["Retry-After"]
    assert Question.objects.count() == 2


def test_html_in_a_question_comes_back_as_the_same_text(desks):
    a = desks["HCM"]
    script = "<script>alert(1)</script> Hàng <b>tạm nhập</b> tái xuất có phải nộp thuế?"
    reference = post(a.host, {**BODY, "question": script}).json()["reference"]
    assert Question.objects.get(reference=reference).question == script

    status = Client().get(
        "/api/questions/status/",
        {"reference": reference, "email": BODY["email"]},
        HTTP_HOST=a.host,
    )
    assert status.status_code == 200
    assert "<script>" not in status.content.decode()  # the lookup returns no question text


def test_status_lookup_by_reference_and_email(desks):
    a, b = desks["HCM"], desks["HN"]
    question = ask(a.department)
    Question.objects.filter(pk=question.pk).update(status="answered", answer="<p>Được miễn.</p>")
    Question.objects.filter(pk=question.pk).update(answered_at=question.received_at)
    found = Client().get(
        "/api/questions/status/",
        {"reference": question.reference, "email": question.email},
        HTTP_HOST=a.host,
    )
    assert found.status_code == 200
    data = found.json()
    assert data["status"] == "answered" and data["answer"] == "<p>Được miễn.</p>"
    assert "Nguyễn" not in found.content.decode()
    assert found["Cache-Control"] == "no-store"

    wrong = Client().get(
        "/api/questions/status/",
        {"reference": question.reference, "email": "ai@congty.vn"},
        HTTP_HOST=a.host,
    )
    other_host = Client().get(
        "/api/questions/status/",
        {"reference": question.reference, "email": question.email},
        HTTP_HOST=b.host,
    )
    missing = Client().get("/api/questions/status/", {"reference": "x"}, HTTP_HOST=a.host)
    assert wrong.status_code == 404 and other_host.status_code == 404
    assert missing.status_code == 400 and missing.json()["parameter"] == "email"


def test_published_answers_are_the_hosts_in_its_language_and_filter_by_topic(desks):
    a, b = desks["HCM"], desks["HN"]
    index = QAIndexPage.objects.child_of(a.department.site.root_page).get()
    add_page(
        index,
        QuestionAnswerPage,
        title="Xuất xứ hàng hóa C/O mẫu D",
        question="C/O mẫu D nộp bản giấy hay điện tử?",
        topic_category="origin",
        answer="<p>Nộp bản điện tử qua hệ thống eCoSys.</p>",
    )
    add_page(
        index,
        QuestionAnswerPage,
        title="Hoàn thuế nhập khẩu",
        question="Khi nào được hoàn thuế?",
        topic_category="refund",
        answer="<p>Khi tái xuất.</p>",
    )
    listing = Client().get("/api/questions/", HTTP_HOST=a.host).json()
    assert {item["title"] for item in listing["items"]} == {
        "Xuất xứ hàng hóa C/O mẫu D",
        "Hoàn thuế nhập khẩu",
    }
    assert set(listing["items"][0]) == {
        "id",
        "title",
        "locale",
        "question",
        "topic",
        "answer",
        "asked_on",
        "answered_on",
        "national_guidance",
        "html_url",
        "detail_url",
    }
    origin = Client().get("/api/questions/", {"topic": "origin"}, HTTP_HOST=a.host).json()
    assert [item["title"] for item in origin["items"]] == ["Xuất xứ hàng hóa C/O mẫu D"]
    searched = Client().get("/api/questions/", {"search": "hoan thue"}, HTTP_HOST=a.host).json()
    assert [item["title"] for item in searched["items"]] == ["Hoàn thuế nhập khẩu"]
    english = Client().get("/api/questions/", {"locale": "en"}, HTTP_HOST=a.host).json()
    assert english["items"] == []
    assert Client().get("/api/questions/", HTTP_HOST=b.host).json()["items"] == []
    bad = Client().get("/api/questions/", {"topic": "xyz"}, HTTP_HOST=a.host)
    assert bad.status_code == 400 and bad.json()["parameter"] == "topic"


def test_figures_are_the_hosts_departments_aggregates(desks):
    a, b = desks["HCM"], desks["HN"]
    ask(a.department)
    ask(a.department, email="b@congty.vn")
    ask(b.department)
    data = Client().get("/api/questions/figures/", HTTP_HOST=a.host).json()
    assert data["department"] == "HCM" and data["received"] == 2 and data["open"] == 2
    bad = Client().get("/api/questions/figures/", {"days": "0"}, HTTP_HOST=a.host)
    assert bad.status_code == 400 and bad.json()["parameter"] == "days"


def test_other_methods_get_a_405_problem(desks):
    response = Client().delete("/api/questions/", HTTP_HOST=desks["HCM"].host)
    assert response.status_code == 405
    assert "POST" in response["Allow"]
