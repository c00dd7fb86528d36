"""Whose figures a user may see in the admin: their own departments', every department's for
HQ's people (HQ compiles the national figures). Registered with `sites.scoping`, so the
snippet listings, choosers, edit views and the tenant guard all follow it."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, AnonymousUser
from django.db.models import Q, QuerySet

from sites.models import Department
from sites.scoping import register_scope


def departments_for(user: AbstractUser | AnonymousUser) -> QuerySet[Department]:
    """The departments whose figures the user may see and enter: all of them for HQ's people."""
    own = Department.objects.for_user(user)
    if own.filter(is_headquarters=True).exists():
        return Department.objects.all()
    return own


def _owned(user: AbstractUser | AnonymousUser) -> Q:
    return Q(department__in=departments_for(user).values("pk"))


def register() -> None:
    from cms.statistics.models import MonthlyFigure, Target

    register_scope(MonthlyFigure, _owned)
    register_scope(Target, _owned)
