"""Admin: each department's editors manage their own picks and see their own popular queries."""

from wagtail.snippets.models import register_snippet

from search.models import EditorsPick, PopularQuery, ZeroResultQuery
from sites.viewsets import DepartmentOwnedViewSet


class EditorsPickViewSet(DepartmentOwnedViewSet):
    model = EditorsPick
    icon = "pick"
    list_display = ["query", "page", "sort_order"]
    # Searched through the portal's folding backend (EditorsPick is indexed): query and page title.


class PopularQueryViewSet(DepartmentOwnedViewSet):
    model = PopularQuery
    icon = "search"
    list_display = ["query", "date", "hits"]
    inspect_view_enabled = True


class ZeroResultQueryViewSet(DepartmentOwnedViewSet):
    """What people searched for and did not find: each department sees its own, platform admins all."""

    model = ZeroResultQuery
    icon = "warning"
    list_display = ["query", "language", "date", "searches"]
    list_filter = ["language", "date"]
    inspect_view_enabled = True


register_snippet(EditorsPickViewSet)
register_snippet(PopularQueryViewSet)
register_snippet(ZeroResultQueryViewSet)
