"""Send today's action reminders (due within each person's chosen number of days, 5 unless they change it, or
overdue), each once. Safe to run any number of times."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from casereview.actions.reminders import action_reminders_send


class Command(BaseCommand):
    help = ("E-mail reminders for actions due soon (each person's chosen days, 5 by default) or overdue; "
            "each reminder is sent once.")

    def handle(self, *args, **options):
        sent = action_reminders_send(today=timezone.localdate())
        self.stdout.write(f"{len(sent)} reminder{'s' if len(sent) != 1 else ''} sent.")
