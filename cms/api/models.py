"""The change log behind the change feed: one row per publish, unpublish, move or delete."""

from django.db import models


class ChangeEvent(models.Model):
    """A page became visible, changed, or stopped being visible on a department's site.

    The change feed (``/api/changes/``) reads rows after a cursor (the row id);
    deletions stay here as tombstones so offline apps can drop what they stored.
    """

    class Action(models.TextChoices):
        UPDATED = "updated"
        DELETED = "deleted"

    department = models.ForeignKey(
        "departments.Department", on_delete=models.CASCADE, related_name="+"
    )
    language_code = models.CharField(max_length=12)
    object_type = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["department", "language_code", "id"])]
        ordering = ["id"]
