"""Legal consultation: traders' questions (private, per department) and published answers (pages)."""

from cms.consultation.models.pages import QAIndexPage, QuestionAnswerPage
from cms.consultation.models.questions import Question, ReferenceCounter, Topic

__all__ = ["QAIndexPage", "Question", "QuestionAnswerPage", "ReferenceCounter", "Topic"]
