"""The question form, confirmation, status lookup and Q&A listing on a department's site."""

from django.core import mail
from django.test import Client, override_settings

from cms.consultation.models import Question
from tests.cms.consultation.conftest import ask, form_data


def url(index, route: str) -> str:
    return index.url + index.reverse_subpage(route)


def test_asking_on_the_site_stores_the_question_and_shows_and_emails_the_reference(desks):
    a = desks["HCM"]
    response = Client().post(url(a.qa_index(), "ask"), form_data(), HTTP_HOST=a.host)

    assert response.status_code == 200
    question = Question.objects.get()
    assert question.department == a.department
    assert question.reference.startswith(f"HCM-{question.received_at.year}-0000")
    assert question.reference in response.content.decode()
    assert question.topic_category == "refund" and question.consent_to_publish
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["binh.tran@logistics.vn"]
    assert question.reference in mail.outbox[0].body
    assert "đã tiếp nhận" in mail.outbox[0].body  # Vietnamese, the question's language


def test_the_receipt_email_is_in_english_for_an_english_question(desks):
    a = desks["HCM"]
    Client().post(url(a.qa_index("en"), "ask"), form_data(language="en"), HTTP_HOST=a.host)
    assert "has received your question" in mail.outbox[0].body


def test_question_form_is_served_in_the_sites_theme_and_language(desks):
    a = desks["HCM"]
    content = Client().get(url(a.qa_index("en"), "ask"), HTTP_HOST=a.host).content.decode()
    assert '<html lang="en">' in content
    assert "Ask a question" in content
    assert 'name="website"' in content  # the honeypot


def test_honeypot_filled_saves_nothing(desks):
    a = desks["HCM"]
    response = Client().post(
        url(a.qa_index(), "ask"), form_data(website="http://spam.example"), HTTP_HOST=a.host
    )
    assert response.status_code == 400
    assert not Question.objects.exists()
    assert not mail.outbox


@override_settings(CONSULTATION_RATE_LIMIT_PER_ADDRESS=100)
def test_bad_input_gets_form_errors_and_saves_nothing(desks):
    a = desks["HCM"]
    cases = {
        "name": {"name": ""},
        "email": {"email": "khong-phai-email"},
        "tax_code": {"tax_code": "12345"},
        "topic": {"topic": "khong-co-chu-de"},
        "question": {"question": "x" * 5001},
    }
    for field, bad in cases.items():
        response = Client().post(url(a.qa_index(), "ask"), form_data(**bad), HTTP_HOST=a.host)
        assert response.status_code == 400
        assert field in response.context["form"].errors, field
    empty = Client().post(url(a.qa_index(), "ask"), {}, HTTP_HOST=a.host)
    assert set(empty.context["form"].errors) >= {"name", "email", "topic", "question"}
    assert not Question.objects.exists()


@override_settings(CONSULTATION_RATE_LIMIT_PER_ADDRESS=2)
def test_past_the_address_limit_the_site_answers_429_and_keeps_earlier_questions(desks):
    a = desks["HCM"]
    client = Client()
    for number in range(2):
        data = form_data(email=f"nguoi{number}@congty.vn")
        assert client.post(url(a.qa_index(), "ask"), data, HTTP_HOST=a.host).status_code == 200
    refused = client.post(url(a.qa_index(), "ask"), form_data(), HTTP_HOST=a.host)

    assert refused.status_code == 429
    assert "Quá nhiều yêu cầu" in refused.content.decode()
    assert Question.objects.count() == 2


@override_settings(CONSULTATION_RATE_LIMIT_PER_EMAIL=1)
def test_past_the_email_limit_another_address_is_refused_too(desks):
    a = desks["HCM"]
    first = Client(REMOTE_ADDR="10.0.0.1")
    second = Client(REMOTE_ADDR="10.0.0.2")
    assert first.post(url(a.qa_index(), "ask"), form_data(), HTTP_HOST=a.host).status_code == 200
    assert second.post(url(a.qa_index(), "ask"), form_data(), HTTP_HOST=a.host).status_code == 429
    assert Question.objects.count() == 1


def test_status_lookup_needs_the_reference_and_the_email(desks):
    a = desks["HCM"]
    question = ask(a.department)
    lookup = url(a.qa_index(), "status")
    found = Client().get(
        lookup,
        {"reference": question.reference.lower(), "email": "AN.NGUYEN@congty.vn"},
        HTTP_HOST=a.host,
    )
    wrong_email = Client().get(
        lookup, {"reference": question.reference, "email": "ai.do@congty.vn"}, HTTP_HOST=a.host
    )

    assert found.status_code == 200
    assert "Mới" in found.content.decode()  # status "new" in Vietnamese
    assert wrong_email.status_code == 404
    assert question.reference not in wrong_email.content.decode().split("value=")[0]


def test_status_lookup_on_another_departments_site_finds_nothing(desks):
    question = ask(desks["HCM"].department)
    b = desks["HN"]
    response = Client().get(
        url(b.qa_index(), "status"),
        {"reference": question.reference, "email": question.email},
        HTTP_HOST=b.host,
    )
    assert response.status_code == 404


def test_script_in_a_question_is_stored_as_text_and_shown_escaped(desks):
    a = desks["HCM"]
    script = "<script>alert('x')</script><b>đậm</b> câu hỏi về thuế"
    Client().post(url(a.qa_index(), "ask"), form_data(question=script), HTTP_HOST=a.host)
    question = Question.objects.get()
    assert question.question == script

    admin = a.client("editor").get(f"/admin/snippets/consultation/question/edit/{question.pk}/")
    content = admin.content.decode()
    assert "<script>alert('x')</script>" not in content
    assert "&lt;script&gt;alert(" in content
