"""Load the fictional demo partnership (idempotent) and print how to sign in."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from casereview.partnerships.demo import load_demo, sign_in_help


class Command(BaseCommand):
    help = "Load the fictional demo partnership, its groups and one demo user per role. Safe to run twice."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            # The demo creates a superuser whose password and authenticator key are published in the source.
            raise CommandError("load_demo refuses to run with CASEREVIEW_PRODUCTION set.")
        # Demo invitations and notices go nowhere: the demo's addresses are fictional.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            created = load_demo(with_meetings=True)
        self.stdout.write("Demo partnership loaded." if created else "Demo partnership already present: unchanged.")
        self.stdout.write(sign_in_help())
