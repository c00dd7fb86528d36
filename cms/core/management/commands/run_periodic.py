"""The one periodic job: scheduled publishing and unpublishing, review reminders, then the steps apps register (`cms.core.periodic`: webhook retries).

Safe to run every minute (cron, a systemd timer, `make run`'s loop): Wagtail's
`publish_scheduled` acts only on what is due, and a department's editors get at most one review
reminder a day. One line per action; a failing step is reported on one line and the command
exits non-zero after trying the others.
"""

from io import StringIO

from django.core.management import CommandError, call_command
from django.utils import timezone

from wagtail.models import Page, Revision

from cms.core.periodic import registered_steps
from cms.core.review import send_review_reminders
from sites.management.base import PortalCommand


class Command(PortalCommand):
    help = (
        "Publish and unpublish what is scheduled, send today's review reminders, "
        "then the steps apps register."
    )

    def handle(self, *args, **options) -> None:
        failures = []
        for name, step in (
            ("publish_scheduled", self.publish_scheduled),
            ("review", self.remind),
            *registered_steps().items(),
        ):
            try:
                for line in step():
                    self.stdout.write(line)
            except Exception as error:  # noqa: BLE001 - one line per failed step, then exit 1
                failures.append(name)
                self.stderr.write(f"{name} failed: {type(error).__name__}: {error}")
        if failures:
            raise CommandError(f"run_periodic: {', '.join(failures)} failed")

    def publish_scheduled(self) -> list[str]:
        now = timezone.now()
        due_to_publish = list(
            Revision.objects.filter(approved_go_live_at__lt=now).values_list(
                "object_str", flat=True
            )
        )
        due_to_expire = list(
            Page.objects.filter(live=True, expire_at__lt=now).values_list("title", flat=True)
        )
        if not (due_to_publish or due_to_expire):
            return []
        call_command("publish_scheduled", stdout=StringIO())
        return [f"published (scheduled): {title}" for title in due_to_publish] + [
            f"unpublished (expired): {title}" for title in due_to_expire
        ]

    def remind(self) -> list[str]:
        return send_review_reminders()
