"""Demo questions: per department, answered questions published as bilingual Q&A pages, and
one open question in the inbox. Added once; running again changes nothing."""

import datetime

from django.utils import timezone

from wagtail.models import Locale

from cms.consultation.models import Question, QuestionAnswerPage
from cms.consultation.models.pages import qa_index_of
from sites.models import Department
from sites.translation import sync_translation

# (topic, Vietnamese title, English title, question, question in English, answer, answer in English)
ANSWERED = (
    (
        "refund",
        "Hoàn thuế nhập khẩu khi tái xuất hàng hóa",
        "Refund of import duty on re-exported goods",
        "Công ty nhập khẩu nguyên liệu nhưng sau đó phải tái xuất trả lại cho đối tác "
        "nước ngoài. Công ty có được hoàn lại thuế nhập khẩu đã nộp không?",
        "Our company imported materials but had to re-export them to the foreign partner. "
        "Can we get back the import duty we paid?",
        "Hàng hóa đã nộp thuế nhập khẩu nhưng phải tái xuất ra nước ngoài được hoàn thuế "
        "nhập khẩu theo Điều 19 Luật Thuế xuất khẩu, thuế nhập khẩu; hồ sơ nộp qua Cổng "
        "dịch vụ công trực tuyến của Tổng cục Hải quan.",
        "Goods on which import duty was paid and which are re-exported are refunded the "
        "duty under Article 19 of the Law on Export and Import Duties; the dossier is "
        "filed through the Customs online public services portal.",
    ),
    (
        "origin",
        "Nộp chứng nhận xuất xứ C/O bản điện tử",
        "Filing an electronic certificate of origin",
        "Khi nhập khẩu hàng từ Hàn Quốc theo Hiệp định VKFTA, doanh nghiệp có thể nộp "
        "C/O bản điện tử thay cho bản giấy không?",
        "When importing goods from Korea under the VKFTA, may a business file an "
        "electronic C/O instead of a paper one?",
        "Được. Doanh nghiệp khai số tham chiếu C/O điện tử trên tờ khai hải quan; cơ quan "
        "hải quan kiểm tra thông tin xuất xứ trên hệ thống trao đổi dữ liệu điện tử.",
        "Yes. The business declares the reference number of the electronic C/O on the "
        "customs declaration; Customs checks the origin data through the electronic "
        "data exchange system.",
    ),
    (
        "declaration",
        "Sửa tờ khai hải quan sau khi thông quan",
        "Amending a customs declaration after clearance",
        "Sau khi hàng đã được thông quan, doanh nghiệp phát hiện khai sai mã HS. Doanh "
        "nghiệp cần làm thủ tục gì để khai bổ sung?",
        "After clearance the business found it declared the wrong HS code. What must it "
        "do to file a supplementary declaration?",
        "Doanh nghiệp khai bổ sung trong thời hạn 60 ngày kể từ ngày thông quan và trước "
        "khi cơ quan hải quan quyết định kiểm tra sau thông quan, nộp số tiền thuế còn "
        "thiếu và tiền chậm nộp nếu có.",
        "The business files the supplementary declaration within 60 days of clearance "
        "and before Customs decides on a post-clearance audit, paying any duty shortfall "
        "and late-payment interest.",
    ),
)
OPEN_QUESTION = (
    "transit",
    "How long may goods in transit stay in Vietnam before they must leave the country?",
)


def ensure_demo_questions(department: Department) -> None:
    """Publish the demo Q&A in Vietnamese and English and file one open question, once."""
    index = qa_index_of(department, "vi")
    if index is None or QuestionAnswerPage.objects.child_of(index).exists():
        return
    english = Locale.objects.filter(language_code="en").first()
    now = timezone.now()
    for number, (topic, title, title_en, text, text_en, answer, answer_en) in enumerate(ANSWERED):
        received = now - datetime.timedelta(days=20 - number * 5)
        answered = received + datetime.timedelta(days=2, hours=number)
        page = QuestionAnswerPage(
            title=title,
            question=text,
            topic_category=topic,
            answer=f"<p>{answer}</p>",
            asked_on=timezone.localdate(received),
            answered_on=timezone.localdate(answered),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        if english:
            sync_translation(page, english, {"title": title_en, text: text_en, answer: answer_en})
        Question.objects.create(
            department=department,
            received_at=received,
            asker_name="Doanh nghiệp mẫu",
            email=f"hoidap.{number}@example.com",
            organisation="Công ty TNHH Dữ liệu mẫu",
            topic_category=topic,
            question=text,
            language="vi",
            consent_to_publish=True,
            status=Question.Status.PUBLISHED,
            answer=f"<p>{answer}</p>",
            answered_at=answered,
            answer_emailed_at=answered,
            qa_page=page,
        )
    topic, text = OPEN_QUESTION
    Question.objects.create(
        department=department,
        asker_name="Demo Trading Ltd",
        email="questions@example.com",
        topic_category=topic,
        question=text,
        language="en",
        consent_to_publish=True,
    )
