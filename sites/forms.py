"""The platform admins' form for creating, renaming and repairing a department."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from sites.models import Department
from sites.provisioning import DepartmentSpec, ProvisioningError, provision_department


class DepartmentForm(WagtailAdminModelForm):
    """Saving runs provisioning, so a department is always complete (and repaired on save)."""

    hostname = forms.CharField(label=_("Hostname"), max_length=255)
    port = forms.IntegerField(label=_("Port"), initial=80, min_value=1, max_value=65535)

    class Meta:
        model = Department
        fields = ["code", "name", "name_en", "is_headquarters"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.fields["hostname"].initial = self.instance.site.hostname
            self.fields["port"].initial = self.instance.site.port

    def validate_unique(self) -> None:
        # Provisioning owns uniqueness (code, hostname, headquarters) and says so in one line.
        return

    def spec(self) -> DepartmentSpec:
        data = self.cleaned_data
        return DepartmentSpec(
            code=data["code"],
            name=data["name"],
            name_en=data["name_en"],
            hostname=data["hostname"].strip().lower(),
            port=data["port"],
            is_headquarters=data.get("is_headquarters", False),
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        if not self.errors:
            try:
                self.spec().validate()
            except ProvisioningError as error:
                raise forms.ValidationError(str(error)) from error
        return cleaned

    def save(self, commit: bool = True) -> Department:
        self.instance = provision_department(self.spec()).department
        return self.instance
