"""Admin views: the platform admins' Departments viewset."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from sites.forms import DepartmentForm
from sites.models import Department


class DepartmentViewSet(ModelViewSet):
    """Create, rename and repair departments; only superusers hold these permissions."""

    model = Department
    icon = "site"
    menu_label = _("Departments")
    menu_order = 850
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_filter = ["status", "is_headquarters"]
    search_fields = ["code", "name", "name_en"]
    list_display = [
        "code",
        "name",
        "name_en",
        Column("hostname", label=_("Hostname"), accessor="site.hostname"),
        "status",
    ]

    def get_form_class(self, for_update: bool = False) -> type[DepartmentForm]:
        return DepartmentForm

    def get_queryset(self, request):
        return Department.objects.select_related("site")
