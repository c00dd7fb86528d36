from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "cms.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from django.db.models import Q

        from cms.core.periodic import register_periodic_step
        from sites.grants import grant_to_departments
        from sites.models import Department
        from sites.scoping import register_scope
        from sites.team import administered_departments

        from . import signals
        from .delivery import retry_due
        from .models import Delivery, Subscription

        # Subscriptions (URLs and secrets) are the department's site admins' alone, like API
        # tokens: no grant; platform-wide ones (no department) are the platform admins'.
        register_scope(Subscription, lambda user: Q(department__in=administered_departments(user)))
        # Every group of a department reads its own delivery log (never writes it).
        register_scope(
            Delivery, lambda user: Q(subscription__department__in=Department.objects.for_user(user))
        )
        grant_to_departments("webhooks.Delivery", ("view",))
        signals.connect()
        register_periodic_step("webhooks", retry_due)
