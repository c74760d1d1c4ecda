"""Print a demonstration user's current two-factor code, so a newcomer can sign in without a phone."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from casereview.accounts.models import User
from casereview.accounts.totp import confirmed_device_for, current_code

REFUSAL = "demo_code is for local demonstration only"


class Command(BaseCommand):
    help = (
        "Print the current 6-digit code of USERNAME's authenticator device. Works only with DEBUG on and "
        "CASEREVIEW_PRODUCTION off: anywhere else it would let whoever has the server bypass two-factor sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEBUG or getattr(settings, "PRODUCTION", True):
            raise CommandError(REFUSAL)
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user with the username {username!r}.")
        device = confirmed_device_for(user)
        if device is None:
            raise CommandError(f"{username} has not set up two-factor authentication.")
        self.stdout.write(current_code(device))
