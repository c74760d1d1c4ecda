"""Issue an API token for a user from the command line."""

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from casereview.accounts.models import User
from casereview.accounts.services import api_token_issue


class Command(BaseCommand):
    help = (
        "Issue a personal API token for USERNAME and print its secret. Only the secret is printed on "
        "standard output, so it can be captured by a script; it is not stored and cannot be shown again."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Command line", help="What the token is for (default: %(default)s).")

    def handle(self, *args, username, name, **options):
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user with the username {username!r}.")
        try:
            _, secret = api_token_issue(actor=user, name=name, via="command line")
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(secret)
