"""System checks for settings that must agree with code: an allowed type needs a content sniffer."""

from django.conf import settings
from django.core import checks


def document_types(app_configs, **kwargs) -> list[checks.CheckMessage]:
    from .uploads import DOCUMENT_SNIFFERS

    unknown = sorted(set(settings.DOCUMENT_EXTENSIONS) - set(DOCUMENT_SNIFFERS))
    if not unknown:
        return []
    return [
        checks.Error(
            "DOCUMENT_EXTENSIONS names types the portal cannot recognise: " + ", ".join(unknown),
            hint="Choose among: " + ", ".join(DOCUMENT_SNIFFERS),
            id="core.E001",
        )
    ]


def register_checks() -> None:
    checks.register(document_types)
