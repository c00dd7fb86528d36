"""A Q&A page approved by the department's moderators marks its question published."""

from cms.consultation.models import Question, QuestionAnswerPage


def on_answer_page_published(sender, instance, **kwargs) -> None:
    if not isinstance(instance, QuestionAnswerPage):
        return
    Question.objects.filter(
        qa_page__translation_key=instance.translation_key,
        status=Question.Status.ANSWERED,
    ).update(status=Question.Status.PUBLISHED)
