"""The officers' edit form: choices stay inside the question's department."""

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from cms.consultation.models import Question
from cms.consultation.models.questions import officers_of
from cms.library.models import Procedure
from sites.viewsets import DepartmentOwnedForm


class QuestionAdminForm(DepartmentOwnedForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        question: Question = self.instance
        if question.department_id is None:
            return
        self.limit_choices("assignee", officers_of(question.department).order_by("username"))
        self.limit_choices(
            "duplicate_of",
            Question.objects.filter(department_id=question.department_id).exclude(pk=question.pk),
        )
        self.limit_choices(
            "topic_procedure", Procedure.objects.filter(live=True, locale__language_code="vi")
        )

    def limit_choices(self, name: str, queryset: QuerySet) -> None:
        """The choices of the form's field `name` (if the form has it): `queryset`'s rows."""
        field = self.fields.get(name)
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = queryset

    def clean(self):
        data = super().clean()
        status = data.get("status")
        if data.get("assignee") and status == Question.Status.NEW:
            data["status"] = Question.Status.ASSIGNED
        if status == Question.Status.PUBLISHED and not self.instance.qa_page_id:
            self.add_error(
                "status",
                forms.ValidationError(
                    _("A question is published by its Q&A page: use “Publish as Q&A”.")
                ),
            )
        return data
