"""A department-owned snippet used only by the tests of `sites.viewsets`."""

from django.db import models

from sites.models import DepartmentOwned


class Notice(DepartmentOwned):
    title = models.CharField(max_length=255)

    def __str__(self) -> str:
        return self.title
