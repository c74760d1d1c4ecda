"""Send today's deadline reminders (every clock but actions) and, on a Monday, the weekly digests, each once.

The daily deadline scan already does this; the command is for running it by hand. Safe to run any number of
times."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from casereview.reminders.digest import weekly_digests_send
from casereview.reminders.scan import deadline_reminders_send


class Command(BaseCommand):
    help = "E-mail today's deadline reminders and (on Mondays) weekly digests; each is sent once."

    def handle(self, *args, **options):
        today = timezone.localdate()
        reminders, digests = deadline_reminders_send(today=today), weekly_digests_send(today=today)
        self.stdout.write(f"{len(reminders)} reminder{'s' if len(reminders) != 1 else ''} and "
                          f"{len(digests)} digest{'s' if len(digests) != 1 else ''} sent.")
