"""The change log behind the change feed: one row per publish, unpublish, move or delete."""

import hashlib
import hmac
import secrets
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from sites.models import DepartmentOwned

from . import audit


class ChangeEvent(models.Model):
    """Something became visible, changed, or stopped being visible on a department's site:
    a page, or an item of the shared library (procedure, legal document; ``department`` empty)
    or a department's local note.

    The change feed (``/api/changes/``) reads rows after a cursor (the row id);
    deletions stay here as tombstones so offline apps can drop what they stored.
    """

    class Action(models.TextChoices):
        UPDATED = "updated"
        DELETED = "deleted"

    department = models.ForeignKey(
        "departments.Department",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text="Empty for the shared library, which every department's feed includes.",
    )
    language_code = models.CharField(max_length=12)
    object_type = models.CharField(max_length=100)
    object_id = models.PositiveBigIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["department", "language_code", "id"])]
        ordering = ["id"]


class ApiToken(DepartmentOwned):
    """A secret that lets editorial automation write one department's news through the API.

    Only a hash of the secret is stored; the token (``cpt_<prefix>_<secret>``) is shown once,
    when it is issued (in the admin or by ``manage.py create_api_token``).
    """

    class Scope(models.TextChoices):
        DRAFT = "draft", _("Write drafts")
        SUBMIT = "submit", _("Write drafts and submit them for moderation")
        PUBLISH = "publish", _("Write, submit and publish")

    name = models.CharField(_("name"), max_length=100, help_text=_("What uses this token."))
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.DRAFT)
    key_prefix = models.CharField(_("key prefix"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)

    # Tokens are issued by superusers and department site admins only (cms.api.permissions),
    # so provisioning grants the department's groups nothing on them.
    department_permissions: ClassVar[tuple[str, ...]] = ()

    panels = [
        FieldPanel("department"),
        FieldPanel("name"),
        FieldPanel("scope"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["department", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @classmethod
    def from_db(cls, db: Any, field_names: Any, values: Any, **kwargs: Any) -> "ApiToken":
        token = super().from_db(db, field_names, values, **kwargs)
        token._stored = token._lifecycle_state()
        return token

    def save(self, *args, **kwargs) -> None:
        """Save, and log what changed in the token's life against its department."""
        stored = getattr(self, "_stored", None)
        super().save(*args, **kwargs)
        now = self._lifecycle_state()
        if stored is None:
            audit.log_lifecycle(self, "issue", scope=self.scope)
        else:
            if now["key_prefix"] != stored["key_prefix"]:
                audit.log_lifecycle(self, "rotate")
            if now["scope"] != stored["scope"]:
                audit.log_lifecycle(self, "scope", **{"from": stored["scope"], "to": now["scope"]})
            if now["is_active"] != stored["is_active"]:
                audit.log_lifecycle(self, "reactivate" if self.is_active else "revoke")
        self._stored = now

    def delete(self, *args, **kwargs):
        audit.log_lifecycle(self, "delete")
        return super().delete(*args, **kwargs)

    def _lifecycle_state(self) -> dict:
        return {name: self.__dict__.get(name) for name in ("key_prefix", "scope", "is_active")}

    def new_secret(self) -> str:
        """Set a new secret (unsaved) and return the token text: the only time it is seen."""
        self.key_prefix = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        self.secret_hash = hash_secret(secret)
        return f"{TOKEN_PREFIX}{self.key_prefix}_{secret}"

    def issue(self) -> str:
        """Save the token with a new secret; return the token text."""
        text = self.new_secret()
        self.save()
        return text

    def allows(self, action: str) -> bool:
        """Whether the scope covers `action` (draft < submit < publish)."""
        order = [self.Scope.DRAFT, self.Scope.SUBMIT, self.Scope.PUBLISH]
        return order.index(self.Scope(self.scope)) >= order.index(self.Scope(action))

    @classmethod
    def authenticate(cls, text: str) -> "ApiToken | None":
        """The active token `text` names, or None (unknown, revoked or a wrong secret)."""
        if not text.startswith(TOKEN_PREFIX):
            return None
        prefix, _sep, secret = text[len(TOKEN_PREFIX) :].partition("_")
        if not prefix or not secret:
            return None
        token = (
            cls.objects.filter(key_prefix=prefix, is_active=True)
            .select_related("department__site", "created_by")
            .first()
        )
        if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(secret)):
            return None
        return token


TOKEN_PREFIX = "cpt_"


def hash_secret(secret: str) -> str:
    # The secret is 256 random bits: a plain SHA-256 cannot be brute-forced, and lookups stay fast.
    return hashlib.sha256(secret.encode()).hexdigest()
