"""Admin: counted services (HQ's), monthly figures and yearly targets (each department its own,
HQ every department's), under one menu."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms.statistics.models import MonthlyFigure, Service, Target
from cms.statistics.scopes import departments_for
from sites.viewsets import DepartmentOwnedForm, DepartmentOwnedViewSet


class FigureForm(DepartmentOwnedForm):
    """HQ's people may enter or correct any department's figures; others only their own."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("department")
        if field is not None and self.for_user is not None:
            field.queryset = departments_for(self.for_user)


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "clipboard-list"
    list_display = ["code", "name", "kind"]
    list_filter = ["kind"]
    search_fields = ["code", "name", "name_en"]
    ordering = ["code"]


class MonthlyFigureViewSet(DepartmentOwnedViewSet):
    model = MonthlyFigure
    icon = "table"
    list_display = ["month", "department", "service", "received_online", "processed", "on_time"]
    # No department filter: its choices would name every department (tests/sites/test_isolation).
    list_filter = ["month"]
    ordering = ["-month", "service__code"]

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        handler.base_form_class = FigureForm
        return handler


class TargetViewSet(DepartmentOwnedViewSet):
    model = Target
    icon = "success"
    list_display = ["year", "department", "level3_share", "level4_share", "on_time_rate"]
    list_filter = ["year"]

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        handler.base_form_class = FigureForm
        return handler


class StatisticsGroup(SnippetViewSetGroup):
    items = (MonthlyFigureViewSet, TargetViewSet, ServiceViewSet)
    menu_icon = "table"
    menu_label = _("Statistics")
    menu_name = "statistics"


register_snippet(StatisticsGroup)
