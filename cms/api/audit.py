"""The audit trail of API tokens: what a token wrote, and when a token was issued or changed.

A token write runs in one Wagtail `LogContext`, so every entry Wagtail makes on the way
(edit, publish, workflow start) shares its uuid; at the end each of them is stamped with the
token's name (`data["api_token"]`), and the write's own entry (`api.news.*`) says in words
which token did what, whoever issued it. A token's life (issued, new secret, scope changed,
revoked, deleted) is logged against its department, with its name and scope only.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import LogActionRegistry, LogContext, log
from wagtail.log_actions import registry as log_registry
from wagtail.models import Page, Revision

from sites.audit import register_data_action

if TYPE_CHECKING:
    from .models import ApiToken

WRITES = {
    "create": (_("Create through the API"), _("Created by API token «%(api_token)s»")),
    "update": (_("Save a draft through the API"), _("Draft saved by API token «%(api_token)s»")),
    "submit": (
        _("Submit through the API"),
        _("Submitted for moderation by API token «%(api_token)s»"),
    ),
    "publish": (_("Publish through the API"), _("Published by API token «%(api_token)s»")),
}

LIFECYCLE = {
    "issue": (_("Issue an API token"), _("Issued API token «%(api_token)s» (%(scope)s)")),
    "rotate": (_("Rotate an API token"), _("Gave API token «%(api_token)s» a new secret")),
    "scope": (
        _("Change an API token's scope"),
        _("Changed the scope of API token «%(api_token)s» from %(from)s to %(to)s"),
    ),
    "revoke": (_("Revoke an API token"), _("Revoked API token «%(api_token)s»")),
    "reactivate": (_("Reactivate an API token"), _("Reactivated API token «%(api_token)s»")),
    "delete": (_("Delete an API token"), _("Deleted API token «%(api_token)s»")),
}


def register_log_actions(actions: LogActionRegistry) -> None:
    """`api.news.<write>` and `api.token.<event>` (hooked up in `cms.api.wagtail_hooks`)."""
    from .models import ApiToken

    scopes = dict(ApiToken.Scope.choices)
    for name, (label, message) in WRITES.items():
        register_data_action(actions, f"api.news.{name}", label, message)
    for name, (label, message) in LIFECYCLE.items():
        register_data_action(
            actions,
            f"api.token.{name}",
            label,
            message,
            {"scope": scopes, "from": scopes, "to": scopes},
        )


@contextmanager
def token_log_context(token: ApiToken) -> Iterator[None]:
    """Entries logged inside carry the token's name; their user is whoever issued it (or none)."""
    with LogContext(user=token.created_by) as context:
        yield
        for model in log_registry.get_log_entry_models():
            for entry in model.objects.filter(uuid=context.uuid):
                entry.data = {**(entry.data or {}), "api_token": token.name}
                entry.save(update_fields=["data"])


def log_write(page: Page, write: str, token: ApiToken, revision: Revision | None = None) -> None:
    """One entry per write step (create, update, submit, publish) naming the token."""
    log(
        instance=page,
        action=f"api.news.{write}",
        user=token.created_by,
        revision=revision,
        data={"api_token": token.name},
    )


def log_lifecycle(token: ApiToken, event: str, **data: str) -> None:
    """Against the token's department; the user comes from the admin's log context."""
    log(
        instance=token.department,
        action=f"api.token.{event}",
        data={"api_token": token.name, "api_token_id": token.pk, **data},
    )
