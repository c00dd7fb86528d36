"""A trader's question to one department: personal data, triage, the answer and its deadline."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.log_actions import log

from cms.library.models import Procedure
from sites.models import Department, DepartmentOwned, DepartmentOwnedQuerySet

NAME_MAX = 200
ORGANISATION_MAX = 255
EMAIL_MAX = 254
PHONE_MAX = 20
QUESTION_MIN = 10
QUESTION_MAX = 5000
ANSWER_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]
ERASED = "—"

tax_code_validator = RegexValidator(
    r"^(\d{10}|\d{13})$", _("A tax code is 10 or 13 digits, for example 0301234567.")
)
phone_validator = RegexValidator(
    r"^\+?[0-9 .\-]{8,20}$", _("Enter a phone number of 8 to 20 digits, for example 028 3829 1234.")
)


class Topic:
    """What a question is about: a library category, or a procedure (which has a category).

    Written as one value in forms and the API: the category key (`refund`) or the
    procedure's code (`1.008316`).
    """

    def __init__(self, category: str, procedure: Procedure | None = None):
        self.category = category
        self.procedure = procedure

    @classmethod
    def parse(cls, value: str) -> Topic | None:
        value = (value or "").strip()
        if value in Procedure.Category.values:
            return cls(value)
        if not value or len(value) > 40:
            return None
        procedure = (
            Procedure.objects.filter(code=value, live=True, locale__language_code="vi")
            .only("pk", "code", "title", "category")
            .first()
        )
        return cls(procedure.category, procedure) if procedure else None

    @property
    def value(self) -> str:
        return self.procedure.code if self.procedure else self.category


def category_label(category: str) -> str:
    return str(dict(Procedure.Category.choices).get(category, category))


class QuestionQuerySet(DepartmentOwnedQuerySet):
    def open(self) -> QuestionQuerySet:
        return self.filter(status__in=Question.OPEN_STATUSES)

    def closed(self) -> QuestionQuerySet:
        return self.exclude(status__in=Question.OPEN_STATUSES)

    def overdue(self, today: datetime.date | None = None) -> QuestionQuerySet:
        return self.open().filter(due_on__lt=today or timezone.localdate())

    def of_asker(self, email: str) -> QuestionQuerySet:
        return self.filter(email__iexact=email.strip()) if email.strip() else self.none()


QuestionManager = models.Manager.from_queryset(QuestionQuerySet)


class Question(DepartmentOwned):
    class Status(models.TextChoices):
        NEW = "new", _("New")
        ASSIGNED = "assigned", _("Assigned")
        ANSWERED = "answered", _("Answered")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Rejected")
        DUPLICATE = "duplicate", _("Duplicate")

    OPEN_STATUSES = (Status.NEW, Status.ASSIGNED)

    reference = models.CharField(_("reference"), max_length=32, unique=True, editable=False)
    asker_name = models.CharField(_("name"), max_length=NAME_MAX)
    organisation = models.CharField(_("organisation"), max_length=ORGANISATION_MAX, blank=True)
    tax_code = models.CharField(
        _("tax code"), max_length=13, blank=True, validators=[tax_code_validator]
    )
    # Blank only once erased; forms and the API require it.
    email = models.EmailField(_("email"), max_length=EMAIL_MAX, blank=True)
    phone = models.CharField(
        _("phone"), max_length=PHONE_MAX, blank=True, validators=[phone_validator]
    )
    topic_category = models.CharField(_("topic"), max_length=20, choices=Procedure.Category.choices)
    topic_procedure = models.ForeignKey(
        Procedure,
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"locale__language_code": "vi"},
    )
    # Plain text, always: rendered escaped everywhere.
    question = models.TextField(_("question"), validators=[MaxLengthValidator(QUESTION_MAX)])
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    consent_to_publish = models.BooleanField(
        _("consent to publish anonymised"),
        default=False,
        help_text=_("The asker agrees that the question may be published without personal data."),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    due_on = models.DateField(_("due"))
    answer = RichTextField(_("answer"), blank=True, features=ANSWER_FEATURES)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answer_emailed_at = models.DateTimeField(_("answer emailed"), null=True, blank=True)
    qa_page = models.ForeignKey(
        "consultation.QuestionAnswerPage",
        verbose_name=_("public Q&A page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    personal_data_erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    objects: ClassVar[QuestionManager] = QuestionManager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("assignee")]),
                FieldPanel("duplicate_of"),
            ],
            heading=_("Handling"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("question", read_only=True),
                FieldRowPanel(
                    [
                        FieldPanel("topic_category"),
                        FieldPanel("topic_procedure"),
                        FieldPanel("language", read_only=True),
                    ]
                ),
                FieldPanel("consent_to_publish", read_only=True),
            ],
            heading=_("Question"),
        ),
        FieldPanel("answer"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("asker_name"), FieldPanel("organisation")]),
                FieldRowPanel([FieldPanel("email"), FieldPanel("phone"), FieldPanel("tax_code")]),
            ],
            heading=_("Asker (personal data)"),
        ),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["department", "status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="duplicate") | Q(duplicate_of__isnull=False),
                name="consultation_duplicate_names_original",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs) -> None:
        if not self.reference or self.due_on is None:
            from cms.consultation.services import due_date, next_reference

            if not self.reference:
                year = timezone.localdate(self.received_at).year
                self.reference = next_reference(self.department, year)
            if self.due_on is None:
                self.due_on = due_date(self.received_at)
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on is not None and self.due_on < timezone.localdate()

    @property
    def topic(self) -> Topic:
        return Topic(self.topic_category, self.topic_procedure)

    @property
    def topic_label(self) -> str:
        if self.topic_procedure_id:
            return str(self.topic_procedure)
        return category_label(self.topic_category)

    def clean(self) -> None:
        errors = {}
        if self.status == self.Status.DUPLICATE and self.duplicate_of_id is None:
            errors["duplicate_of"] = _("Name the question this one duplicates.")
        original = self.duplicate_of if self.duplicate_of_id is not None else None
        if original is not None:
            if original.pk == self.pk:
                errors["duplicate_of"] = _("A question cannot duplicate itself.")
            elif original.department_id != self.department_id:
                errors["duplicate_of"] = _("Choose a question of the same department.")
        answered = self.status in (self.Status.ANSWERED, self.Status.PUBLISHED)
        if answered and not strip_tags(self.answer or "").strip():
            errors["answer"] = _("Write the answer before marking the question answered.")
        if self.assignee_id is not None and self.department_id is not None:
            if not officers_of(self.department).filter(pk=self.assignee_id).exists():
                errors["assignee"] = _("Choose an officer of this department.")
        if errors:
            raise ValidationError(errors)

    def erase_personal_data(self, reason: str = "request") -> bool:
        """Blank the asker's details and question text; False when already erased.

        Logged (`consultation.erase`) with the reason: the asker's ``request`` or the end of the
        ``retention`` period; the entry holds the reference only, nothing that was erased.
        """
        if self.personal_data_erased_at is not None:
            return False
        self.asker_name = ERASED
        self.organisation = ""
        self.tax_code = ""
        self.email = ""
        self.phone = ""
        self.question = ERASED
        self.personal_data_erased_at = timezone.now()
        self.save(
            update_fields=[
                "asker_name",
                "organisation",
                "tax_code",
                "email",
                "phone",
                "question",
                "personal_data_erased_at",
            ]
        )
        log(instance=self, action="consultation.erase", data={"reason": reason})
        return True

    def personal_data(self) -> dict:
        """What the portal holds about the asker through this question (for export)."""
        return {
            "reference": self.reference,
            "department": self.department.code,
            "received_at": self.received_at.isoformat(),
            "name": self.asker_name,
            "organisation": self.organisation,
            "tax_code": self.tax_code,
            "email": self.email,
            "phone": self.phone,
            "topic": self.topic.value,
            "question": self.question,
            "language": self.language,
            "consent_to_publish": self.consent_to_publish,
            "status": self.status,
            "answered_at": self.answered_at.isoformat() if self.answered_at else None,
            "personal_data_erased_at": (
                self.personal_data_erased_at.isoformat() if self.personal_data_erased_at else None
            ),
        }


def officers_of(department: Department):
    """Users who may be assigned the department's questions: its editors and moderators."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__in=[
                department.editors_group_id,
                department.moderators_group_id,
                department.site_admins_group_id,
            ],
        )
        .distinct()
    )


class ReferenceCounter(models.Model):
    """The last reference number given by one department in one year (locked while counting)."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["department", "year"], name="consultation_one_counter_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.department_id}/{self.year}: {self.last}"
