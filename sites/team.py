"""A department's site admins manage their own people: who edits, who moderates, who administers.

Wagtail's Users admin is install-wide (whoever may change users may change
every user), so it stays with the platform admins. This is the department's
share of it: the members of its three groups, nobody else's. A person is
added by email; someone new gets an account without a password and an email
with a link to set one. A person who already belongs to another department
is not taken over from here (a platform admin decides that).

Adding is no account oracle: every address that cannot be added (a platform
admin, another department's member, a deactivated account) gets the same
answer after the same single query, and everyone who is added gets an email.
Every change is a log entry against the department (`departments.team.*`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import LogActionRegistry, log

from sites.audit import register_data_action
from sites.http import AdminRequest
from sites.models import Department

if TYPE_CHECKING:
    from django.contrib.auth.models import User

ROLE_CHOICES = [
    ("editor", _("Editor")),
    ("moderator", _("Moderator")),
    ("site_admin", _("Site admin")),
]
ROLE_LABELS = dict(ROLE_CHOICES)


def administered_departments(user: AbstractUser | AnonymousUser) -> QuerySet[Department]:
    """The departments whose Site admins group the user is in; every department for superusers."""
    if not user.is_authenticated:
        return Department.objects.none()
    if user.is_superuser:
        return Department.objects.all()
    return Department.objects.filter(site_admins_group__in=user.groups.all())


def role_group(department: Department, role: str):
    return getattr(department, f"{role}s_group")


def members(department: Department) -> QuerySet:
    return (
        get_user_model()
        .objects.filter(groups__in=department.groups)
        .distinct()
        .order_by("last_name", "first_name", "email")
        .prefetch_related("groups")
    )


def role_of(department: Department, user: AbstractUser) -> str | None:
    """The strongest of the department's roles the person holds."""
    group_ids = {group.pk for group in user.groups.all()}
    for role in ("site_admin", "moderator", "editor"):
        if role_group(department, role).pk in group_ids:
            return role
    return None


@transaction.atomic
def set_role(
    department: Department, user: AbstractUser, role: str | None, *, by: AbstractUser
) -> None:
    """Give the person exactly one of the department's roles, or none (removed from it).

    The change is logged against the department: who (`by`) added, re-roled or removed whom.
    """
    previous = role_of(department, user)
    if previous == role:
        return
    user.groups.remove(*department.groups)
    if role is not None:
        user.groups.add(role_group(department, role))
    if previous is None:
        action, change = "departments.team.add", {"role": role}
    elif role is None:
        action, change = "departments.team.remove", {"role": previous}
    else:
        action, change = "departments.team.role", {"from": previous, "to": role}
    log(
        instance=department,
        action=action,
        user=by,
        data={"person": user.get_username(), "person_id": user.pk, **change},
    )


def register_log_actions(actions: LogActionRegistry) -> None:
    """The team's log actions (hooked up in `sites.wagtail_hooks`)."""
    roles = {"role": ROLE_LABELS, "from": ROLE_LABELS, "to": ROLE_LABELS}
    register_data_action(
        actions,
        "departments.team.add",
        _("Add to the team"),
        _("Added %(person)s to the team as %(role)s"),
        roles,
    )
    register_data_action(
        actions,
        "departments.team.role",
        _("Change a team role"),
        _("Changed the role of %(person)s from %(from)s to %(to)s"),
        roles,
    )
    register_data_action(
        actions,
        "departments.team.remove",
        _("Remove from the team"),
        _("Removed %(person)s (%(role)s) from the team"),
        roles,
    )


ALREADY_MEMBER = _("This person is already a member of the team.")
CANNOT_ADD = _(
    "This address cannot be added to the team. If the person should join, ask a platform admin."
)


def account_for(department: Department, email: str) -> tuple[str, int | None]:
    """What adding `email` to the department would do: ``("new", None)`` (no account yet),
    ``("existing", pk)`` (an account free to join), ``("member", pk)`` (already in this team)
    or ``("refused", None)``.

    Free to join means active, not a platform admin, in no group and with no permissions of
    its own. One query answers every case, so a refusal costs the same whatever its reason.
    """
    User = get_user_model()
    own_groups = [group.pk for group in department.groups]
    accounts = list(
        User.objects.filter(Q(email__iexact=email) | Q(**{f"{User.USERNAME_FIELD}__iexact": email}))
        .annotate(
            own_groups=Count("groups", filter=Q(groups__in=own_groups), distinct=True),
            all_groups=Count("groups", distinct=True),
            own_permissions=Count("user_permissions", distinct=True),
        )
        .values_list(
            "pk", "is_active", "is_superuser", "own_groups", "all_groups", "own_permissions"
        )
        .order_by("pk")[:2]
    )
    if not accounts:
        return "new", None
    for pk, _active, _superuser, own, _groups, _permissions in accounts:
        if own:
            return "member", pk
    pk, active, superuser, _own, groups, permissions = accounts[0]
    if len(accounts) == 1 and active and not superuser and not groups and not permissions:
        return "existing", pk
    return "refused", None


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("Email"), max_length=254)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, widget=forms.RadioSelect)

    def __init__(self, *args, department: Department, **kwargs):
        super().__init__(*args, **kwargs)
        self.department = department
        self.existing_pk: int | None = None

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        outcome, self.existing_pk = account_for(self.department, email)
        if outcome == "member":
            raise forms.ValidationError(ALREADY_MEMBER)
        if outcome == "refused":
            raise forms.ValidationError(CANNOT_ADD)
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, widget=forms.RadioSelect)


class DepartmentTeamMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not administered_departments(request.user).exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_department(self) -> Department:
        """The department named in the URL, if the user administers it (looked up once)."""
        if not hasattr(self, "_department"):
            self._department = get_object_or_404(
                administered_departments(self.request.user), code=self.kwargs["code"]
            )
        return self._department

    def get_breadcrumbs_items(self) -> list[dict]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("departments_team:index"), "label": _("Team")},
        ]


class TeamIndexView(DepartmentTeamMixin, TemplateView):
    request: AdminRequest  # behind Wagtail's admin login, as the other views of the team
    template_name = "sites/team/index.html"
    page_title = _("Team")

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        teams = []
        for department in administered_departments(self.request.user).select_related(
            "editors_group", "moderators_group", "site_admins_group"
        ):
            people = [
                {"user": person, "role": ROLE_LABELS[role]}
                for person in members(department)
                if (role := role_of(department, person)) is not None  # a member has a role
            ]
            teams.append({"department": department, "members": people})
        context["teams"] = teams
        return context


class MemberAddView(DepartmentTeamMixin, FormView):
    request: AdminRequest
    template_name = "sites/team/form.html"
    form_class = MemberForm
    page_title = _("Add a person")

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "department": self.get_department()}

    def get_context_data(self, **kwargs) -> dict:
        return {**super().get_context_data(**kwargs), "department": self.get_department()}

    def form_valid(self, form: MemberForm) -> HttpResponse:
        department = form.department
        User = get_user_model()
        try:
            with transaction.atomic():
                if form.existing_pk is None:
                    person = User(
                        email=form.cleaned_data["email"],
                        first_name=form.cleaned_data["first_name"],
                        last_name=form.cleaned_data["last_name"],
                        **{User.USERNAME_FIELD: form.cleaned_data["email"]},
                    )
                    person.set_unusable_password()
                    person.save()
                else:
                    person = User.objects.get(pk=form.existing_pk)
                set_role(department, person, form.cleaned_data["role"], by=self.request.user)
                invite(self.request, department, person, newcomer=form.existing_pk is None)
        except IntegrityError:  # the address got an account meanwhile: answer as for any other
            form.add_error("email", CANNOT_ADD)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("%(person)s joined %(department)s.")
            % {"person": person.get_username(), "department": department.name},
        )
        return HttpResponseRedirect(reverse("departments_team:index"))


class MemberEditView(DepartmentTeamMixin, FormView):
    """Change a member's role, or remove them from the department (their account stays)."""

    request: AdminRequest
    template_name = "sites/team/form.html"
    form_class = RoleForm
    page_title = _("Change role")

    def get_member(self) -> User:
        """A member of that department (looked up once)."""
        if not hasattr(self, "_member"):
            self._member = get_object_or_404(
                members(self.get_department()), pk=self.kwargs["user_id"]
            )
        return self._member

    def get_initial(self) -> dict:
        return {"role": role_of(self.get_department(), self.get_member())}

    def get_context_data(self, **kwargs) -> dict:
        return {
            **super().get_context_data(**kwargs),
            "department": self.get_department(),
            "member": self.get_member(),
            "removable": self.get_member().pk != self.request.user.pk,
        }

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        department, member = self.get_department(), self.get_member()
        if member.pk == request.user.pk:
            messages.error(request, gettext("You cannot change your own role."))
            return HttpResponseRedirect(reverse("departments_team:index"))
        if "remove" in request.POST:
            set_role(department, member, None, by=self.request.user)
            messages.success(
                request,
                gettext("%(person)s no longer belongs to %(department)s.")
                % {"person": member.get_username(), "department": department.name},
            )
            return HttpResponseRedirect(reverse("departments_team:index"))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: RoleForm) -> HttpResponse:
        set_role(
            self.get_department(),
            self.get_member(),
            form.cleaned_data["role"],
            by=self.request.user,
        )
        messages.success(self.request, gettext("Role changed."))
        return HttpResponseRedirect(reverse("departments_team:index"))


def invite(request: HttpRequest, department: Department, person: User, *, newcomer: bool) -> None:
    """Email the person they joined: a newcomer gets a link to set a password (Wagtail's password
    reset confirmation), someone with an account the sign-in link. Both paths do the same work,
    so the answer's timing does not tell whether the address had an account."""
    token = default_token_generator.make_token(person)
    set_password = reverse(
        "wagtailadmin_password_reset_confirm",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(person.pk)), "token": token},
    )
    link = request.build_absolute_uri(set_password if newcomer else reverse("wagtailadmin_login"))
    with override("vi"):
        subject = gettext("You have been added to %(department)s") % {"department": department.name}
        if newcomer:
            body = gettext(
                "%(department)s has added you to its editorial team on the Customs portal.\n\n"
                "Set your password here: %(link)s\n"
            )
        else:
            body = gettext(
                "%(department)s has added you to its editorial team on the Customs portal.\n\n"
                "Sign in with your account here: %(link)s\n"
            )
    send_mail(subject, body % {"department": department.name, "link": link}, None, [person.email])
