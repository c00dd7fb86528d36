from wagtail.snippets.models import register_snippet

from sites.viewsets import DepartmentOwnedViewSet
from tests.testapp.models import Notice


class NoticeViewSet(DepartmentOwnedViewSet):
    model = Notice
    icon = "warning"


register_snippet(NoticeViewSet)
