"""Create a system administrator who chooses their own password through a one-time link."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from casereview.accounts.services import administrator_create


class Command(BaseCommand):
    help = (
        "Create a system administrator (a superuser) with no password, and print the path of a one-time link "
        "at which they set one. A password is never taken on the command line, where it would be kept in shell "
        "history and visible in the process list. Prefix the path with the service's address "
        "(https://host/...). The link stops working once used or after PASSWORD_RESET_TIMEOUT (three days by "
        "default); after that, use 'Forgotten your password?' on the sign-in page. The administrator also sets "
        "up two-factor authentication at their first sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)

    def handle(self, *args, username, email, **options):
        try:
            user = administrator_create(actor=None, username=username, email=email)
        except ValidationError as exc:
            messages = "; ".join(f"{field}: {' '.join(errors)}" for field, errors in exc.message_dict.items())
            raise CommandError(messages) from exc
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        self.stdout.write(f"Created administrator {user.username}. They set their password at this one-time link:")
        self.stdout.write(path)
