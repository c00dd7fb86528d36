"""The page explorer's filters, limited to the user's departments.

Wagtail's explorer offers "Site", "Owner" and "Edited by" filters whose
choices are every site and every author of the install; here they list only
the user's own departments' sites and people. Registered as the base page
viewset, Wagtail's own extension point for page listings.
"""

from django.contrib.auth import get_user_model
from django.forms import CheckboxSelectMultiple
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import MultipleUserFilter
from wagtail.admin.views.pages.listing import EditedByFilter, GenericPageFilterSet, SiteFilter
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, PageLogEntry

from sites.isolation import department_pages_filter, sites_visible_to, users_visible_to


def _owners(request):
    owners = Page.objects.filter(department_pages_filter(request.user)).values("owner_id")
    return users_visible_to(request.user).filter(pk__in=owners)


def _editors(request):
    edits = PageLogEntry.objects.filter(action="wagtail.edit").values("user_id")
    return users_visible_to(request.user).filter(pk__in=edits)


def _sites(request):
    return sites_visible_to(request.user)


class DepartmentPageFilterSet(GenericPageFilterSet):
    owner = MultipleUserFilter(
        label=_("Owner"),
        queryset=lambda request: _owners(request) if request else get_user_model().objects.none(),
        widget=CheckboxSelectMultiple,
    )
    edited_by = EditedByFilter(
        label=_("Edited by"),
        queryset=lambda request: _editors(request) if request else get_user_model().objects.none(),
        widget=CheckboxSelectMultiple,
    )
    site = SiteFilter(
        label=_("Site"),
        queryset=lambda request: _sites(request) if request else Page.objects.none(),
        widget=CheckboxSelectMultiple,
    )


class DepartmentPageViewSet(PageViewSet):
    model = Page
    filterset_class = DepartmentPageFilterSet
