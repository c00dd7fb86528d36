"""The demo Q&A: published in Vietnamese and English, one open question, added once."""

from django.test import Client

from cms.consultation.models import Question, QuestionAnswerPage
from cms.demo.consultation import ensure_demo_questions


def test_demo_questions_are_bilingual_published_and_added_once(desks):
    a = desks["HCM"]
    ensure_demo_questions(a.department)
    ensure_demo_questions(a.department)

    assert Question.objects.filter(department=a.department).count() == 4
    assert Question.objects.filter(department=a.department, status="published").count() == 3
    vi = QuestionAnswerPage.objects.live().filter(locale__language_code="vi")
    en = QuestionAnswerPage.objects.live().filter(locale__language_code="en")
    assert vi.count() == 3 and en.count() == 3
    assert en.filter(title="Refund of import duty on re-exported goods").exists()

    english = Client().get(a.qa_index("en").url, HTTP_HOST=a.host).content.decode()
    vietnamese = Client().get(a.qa_index().url, HTTP_HOST=a.host).content.decode()
    assert "Filing an electronic certificate of origin" in english
    assert "Hoàn thuế nhập khẩu khi tái xuất hàng hóa" in vietnamese
    searched = Client().get(a.qa_index().url, {"q": "C/O"}, HTTP_HOST=a.host).content.decode()
    assert "Nộp chứng nhận xuất xứ C/O bản điện tử" in searched
    assert "Sửa tờ khai hải quan" not in searched
