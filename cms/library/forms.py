"""The public filter form of the procedures list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.library.models.procedures import Procedure


class ProcedureFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.ChoiceField(
        label=_("Category"),
        required=False,
        choices=[("", _("All categories")), *Procedure.Category.choices],
    )
    level = forms.TypedChoiceField(
        label=_("Online service level"),
        required=False,
        choices=[("", _("All levels"))] + [(str(n), str(n)) for n in range(1, 5)],
    )
    online_only = forms.BooleanField(label=_("Online only (level 3 or 4)"), required=False)
