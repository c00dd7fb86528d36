"""The public question and status-lookup forms (also validating the API's JSON bodies)."""

from django import forms
from django.conf import settings
from django.core.validators import MinLengthValidator
from django.utils.translation import gettext_lazy as _

from cms.consultation.models import Question, Topic
from cms.consultation.models.questions import (
    EMAIL_MAX,
    NAME_MAX,
    ORGANISATION_MAX,
    PHONE_MAX,
    QUESTION_MAX,
    QUESTION_MIN,
    phone_validator,
    tax_code_validator,
)
from cms.consultation.services import Submission
from cms.library.models import Procedure
from sites.models import Department

HONEYPOT = "website"


def topic_choices(language: str) -> list:
    """Library categories, then the live procedures in `language` (valued by code)."""
    procedures = (
        Procedure.objects.filter(live=True, locale__language_code=language)
        .order_by("code")
        .values_list("code", "title")
    )
    return [
        ("", "—"),
        (_("Fields"), list(Procedure.Category.choices)),
        (_("Procedures"), [(code, f"{code} – {title}") for code, title in procedures]),
    ]


class QuestionForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=NAME_MAX)
    organisation = forms.CharField(
        label=_("Organisation"), max_length=ORGANISATION_MAX, required=False
    )
    tax_code = forms.CharField(
        label=_("Tax code"),
        max_length=13,
        required=False,
        validators=[tax_code_validator],
        help_text=_("Optional: 10 or 13 digits."),
    )
    email = forms.EmailField(label=_("Email"), max_length=EMAIL_MAX)
    phone = forms.CharField(
        label=_("Phone"), max_length=PHONE_MAX, required=False, validators=[phone_validator]
    )
    topic = forms.CharField(label=_("Topic"), max_length=40, widget=forms.Select)
    question = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_MAX,
        validators=[MinLengthValidator(QUESTION_MIN)],
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    language = forms.ChoiceField(label=_("Language of the answer"), choices=settings.LANGUAGES)
    consent = forms.BooleanField(
        label=_("I agree that my question may be published without my personal data."),
        required=False,
    )
    # Hidden from people by CSS; bots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, language: str = "vi", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].widget.choices = topic_choices(language)
        # max_length validates the value; `maxlength` is not valid HTML on a <select>.
        self.fields["topic"].widget.attrs.pop("maxlength", None)
        self.fields["language"].initial = language

    def clean_topic(self) -> Topic:
        topic = Topic.parse(self.cleaned_data["topic"])
        if topic is None:
            raise forms.ValidationError(_("Choose a field or a procedure from the list."))
        return topic

    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT))

    def submission(self) -> Submission:
        data = self.cleaned_data
        topic: Topic = data["topic"]
        return Submission(
            asker_name=data["name"],
            organisation=data["organisation"],
            tax_code=data["tax_code"],
            email=data["email"],
            phone=data["phone"],
            topic_category=topic.category,
            topic_procedure=topic.procedure,
            question=data["question"],
            language=data["language"],
            consent_to_publish=data["consent"],
        )


class StatusLookupForm(forms.Form):
    reference = forms.CharField(label=_("Reference number"), max_length=32)
    email = forms.EmailField(label=_("Email"), max_length=EMAIL_MAX)

    def find(self, department: Department) -> Question | None:
        return (
            Question.objects.filter(
                department=department,
                reference__iexact=self.cleaned_data["reference"].strip(),
                email__iexact=self.cleaned_data["email"].strip(),
            )
            .select_related("topic_procedure")
            .first()
        )
