"""Who must give a second factor, and the devices that give it (django-otp).

A person has at most one authenticator (a confirmed `TOTPDevice`) and one set
of recovery codes (a `StaticDevice` whose tokens are deleted as they are used).
Both devices throttle their own verifications (django-otp doubles the wait
after each wrong code), so guessing codes is as slow as guessing passwords.
"""

from __future__ import annotations

import logging
from base64 import b32encode
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AbstractUser, AnonymousUser
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe

import qrcode
import qrcode.image.svg
from django_otp import devices_for_user, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sites.models import Department

logger = logging.getLogger("cms.signin")

RECOVERY_CODE_COUNT = 10


def second_factor_required(user: AbstractUser | AnonymousUser) -> bool:
    """Platform admins and department site admins; everyone when `OTP_REQUIRED_FOR_ALL` is set."""
    if not user.is_authenticated:
        return False
    if settings.OTP_REQUIRED_FOR_ALL or user.is_superuser:
        return True
    return Department.objects.filter(site_admins_group__in=user.groups.all()).exists()


def has_second_factor(user: AbstractBaseUser) -> bool:
    """Whether the person has set up an authenticator (recovery codes come with it)."""
    return user_has_device(user, confirmed=True)


def pending_authenticator(user: AbstractBaseUser) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed, so reloads keep it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device


def secret_of(device: TOTPDevice) -> str:
    """The secret as authenticator apps take it when typed: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice) -> SafeString:
    """The device's otpauth:// URL as an inline SVG QR code, drawn here (no outside service)."""
    # Dark modules on a white square, so it scans in the admin's dark theme too.
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8
    )
    # Markup qrcode drew from our own URL, no user input in it.
    return mark_safe(image.to_string(encoding="unicode"))


def normalise(code: str) -> str:
    """Codes as people type them: spaces and hyphens dropped, recovery codes in lower case."""
    return "".join(code.split()).replace("-", "").lower()


def _is_totp_code(code: str) -> bool:
    return code.isdigit() and len(code) == 6


def candidate_devices(user: AbstractBaseUser, code: str) -> list[Device]:
    """The devices a code is meant for: six digits for the authenticator, else recovery codes.

    Only that kind is tried, so a recovery code never counts as a wrong
    authenticator code (and throttles it), nor the reverse.
    """
    kind = TOTPDevice if _is_totp_code(normalise(code)) else StaticDevice
    return [device for device in devices_for_user(user) if isinstance(device, kind)]


def locked_until(device: Device) -> datetime | None:
    """When a device accepts codes again, if it is waiting after wrong ones."""
    allowed, details = device.verify_is_allowed()
    if allowed or not details:
        return None
    return details.get("locked_until")


def throttled_until(user: AbstractBaseUser, code: str) -> datetime | None:
    """When the device this code is for accepts codes again, if it is waiting after wrong ones."""
    for device in candidate_devices(user, code):
        until = locked_until(device)
        if until is not None:
            return until
    return None


def verify_code(user: AbstractBaseUser, code: str) -> Device | None:
    """The device that accepts the code (a recovery code is used up), or None; throttled."""
    code = normalise(code)
    if not code:
        return None
    with transaction.atomic():
        for device in candidate_devices(user, code):
            device = type(device).objects.select_for_update().get(pk=device.pk)
            if device.verify_token(code):
                return device
    return None


def confirm_authenticator(device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm a pending authenticator with a code from it; its fresh recovery codes, or None."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(normalise(code)):
            return None
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(device.user)
    logger.info("Second factor set up for account %r", device.user.get_username())
    return codes


@transaction.atomic
def new_recovery_codes(user: AbstractBaseUser) -> list[str]:
    """Replace the person's recovery codes with ten new single-use ones (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def recovery_codes_left(user: AbstractBaseUser) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def reset_second_factor(user: AbstractBaseUser) -> int:
    """Remove the person's authenticator and recovery codes; they set up a new one at next login.

    Sessions verified with the removed devices stop counting as verified at
    once (django-otp's middleware no longer finds the device).
    """
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
    return removed
