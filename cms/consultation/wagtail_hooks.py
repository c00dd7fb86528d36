"""Admin: each department's question inbox, its actions, and the figures on the dashboard."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, Table
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import snippets as snippet_views

import django_filters

from cms.consultation.admin_forms import QuestionAdminForm
from cms.consultation.admin_views import EraseAskerView, ExportAskerView, PublishAsAnswerView
from cms.consultation.models import Question
from cms.consultation.models.questions import QuestionQuerySet
from cms.consultation.services import figures, record_answer, register_log_actions
from sites.isolation import users_visible_to
from sites.models import Department
from sites.viewsets import DepartmentOwnedPermissionPolicy, DepartmentOwnedViewSet


class QuestionPermissionPolicy(DepartmentOwnedPermissionPolicy):
    """Questions arrive from the site and the API; the admin never adds one."""

    def user_has_permission(self, user, action) -> bool:
        return action != "add" and super().user_has_permission(user, action)


def assignee_choices(request) -> QuerySet:
    if request is None:
        return get_user_model().objects.none()
    return users_visible_to(request.user).order_by("username")


class QuestionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Question.Status.choices)
    assignee = django_filters.ModelChoiceFilter(label=_("Assignee"), queryset=assignee_choices)
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue")

    class Meta:
        model = Question
        fields = ["status", "assignee", "overdue"]

    def filter_overdue(self, queryset: QuestionQuerySet, name: str, value) -> QuestionQuerySet:
        if value is None:
            return queryset
        overdue = queryset.overdue()
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))


class InboxTable(Table):
    def get_row_classname(self, instance: Question) -> str:
        return "consultation-overdue" if instance.is_overdue else ""


class DueColumn(Column):
    cell_template_name = "consultation/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["overdue"] = instance.is_overdue
        return context


class QuestionIndexView(snippet_views.IndexView):
    table_class = InboxTable

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("assignee", "department")


class QuestionEditView(snippet_views.EditView):
    def save_instance(self):
        instance = super().save_instance()
        record_answer(instance)
        return instance

    @property
    def header_more_buttons(self) -> list:
        buttons = list(super().header_more_buttons)
        namespace = self.request.resolver_match.namespace
        question: Question = self.object
        if question.consent_to_publish and question.qa_page_id is None and question.answered_at:
            buttons.append(
                HeaderButton(
                    _("Publish as Q&A"),
                    url=reverse(f"{namespace}:publish", args=[question.pk]),
                    icon_name="upload",
                    priority=30,
                )
            )
        if question.email:
            buttons.append(
                HeaderButton(
                    _("Export asker's personal data"),
                    url=reverse(f"{namespace}:export", args=[question.pk]),
                    icon_name="download",
                    priority=40,
                )
            )
            buttons.append(
                HeaderButton(
                    _("Erase asker's personal data"),
                    url=reverse(f"{namespace}:erase", args=[question.pk]),
                    icon_name="bin",
                    priority=50,
                )
            )
        return buttons


class QuestionViewSet(DepartmentOwnedViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = QuestionIndexView
    edit_view_class = QuestionEditView
    filterset_class = QuestionFilterSet
    list_display = [
        "reference",
        Column("topic_label", label=_("Topic")),
        "status",
        "assignee",
        "received_at",
        DueColumn("due_on", label=_("Due"), sort_key="due_on"),
    ]
    search_fields = ["reference", "question", "asker_name", "organisation", "email"]
    ordering = ["-received_at"]
    inspect_view_enabled = False
    copy_view_enabled = False

    def __init__(self, *args, **kwargs):
        if policy_registry.get_by_type(Question, fallback=False) is None:
            register_permission_policy(Question, QuestionPermissionPolicy(Question))
        super().__init__(*args, **kwargs)

    def get_edit_handler(self):
        handler = super().get_edit_handler()
        handler.base_form_class = QuestionAdminForm
        return handler

    def get_urlpatterns(self):
        actions = {"url_namespace": self.url_namespace}
        return [
            *super().get_urlpatterns(),
            path("publish/<int:pk>/", PublishAsAnswerView.as_view(**actions), name="publish"),
            path("export/<int:pk>/", ExportAskerView.as_view(**actions), name="export"),
            path("erase/<int:pk>/", EraseAskerView.as_view(**actions), name="erase"),
        ]


register_snippet(QuestionViewSet)


@hooks.register("insert_global_admin_css")
def inbox_css() -> str:
    return format_html(
        "<style>{}</style>",
        "tr.consultation-overdue td{background:#fde8e8}"
        ".consultation-overdue-badge{color:#b00020;font-weight:700}",
    )


class FiguresPanel(Component):
    """Received, answered, open, overdue and the median time to answer, per own department."""

    name = "consultation_figures"
    order = 160

    def __init__(self, departments: QuerySet[Department]):
        self.departments = departments

    def render_html(self, parent_context=None) -> str:
        since = timezone.now() - datetime.timedelta(days=365)
        rows = [figures(department, since=since) for department in self.departments]
        return render_to_string("consultation/admin/figures_panel.html", {"rows": rows})


@hooks.register("construct_homepage_panels")
def add_figures_panel(request, panels: list) -> None:
    user = request.user
    if not policy_registry.get_by_type(Question).user_has_permission(user, "view"):
        return
    departments = Department.objects.for_user(user).active()
    if departments.exists():
        panels.append(FiguresPanel(departments))


@hooks.register("register_log_actions")
def register_consultation_log_actions(actions) -> None:
    register_log_actions(actions)
