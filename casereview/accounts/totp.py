"""Authenticator-app (TOTP) devices: finding, enrolling and showing them."""

from __future__ import annotations

from base64 import b32encode

import segno
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

DEVICE_NAME = "Authenticator app"


def confirmed_device_for(user) -> TOTPDevice | None:
    """Return the user's confirmed authenticator device, or None if they have not set one up."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def pending_device_for(user) -> TOTPDevice:
    """Return the user's unconfirmed device, creating one with a fresh key if there is none.

    Reusing the pending device means reloading the set-up page shows the same QR code, so a code
    from an app that already scanned it still works.
    """
    device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)
    return device


def totp_enrol_known_secret(user, secret_hex: str) -> TOTPDevice:
    """Create a confirmed device with the given hex key, so demonstration users are enrolled already."""
    device = TOTPDevice(user=user, name=DEVICE_NAME, key=secret_hex, confirmed=True)
    device.full_clean(exclude=["user"])
    device.save()
    return device


def current_code(device: TOTPDevice) -> str:
    """Return the device's code for the present moment, zero-padded to its number of digits."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
    return str(code).zfill(device.digits)


def manual_entry_key(device: TOTPDevice) -> str:
    """Return the key in base32, in groups of four, for typing into an app instead of scanning."""
    plain = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(plain[i : i + 4] for i in range(0, len(plain), 4))


def qr_code_svg(device: TOTPDevice) -> str:
    """Return the device's set-up QR code as inline SVG, drawn here so no third party sees the key."""
    code = segno.make(device.config_url, error="m")
    svg = code.svg_inline(scale=5, border=4, light="#fff", title="QR code for your authenticator app", svgclass=None)
    # role="img" makes screen readers announce the <title> as the image's name.
    return svg.replace("<svg ", '<svg role="img" ', 1)
