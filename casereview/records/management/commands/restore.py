"""Restore a backup written by `manage.py backup` onto a new, empty instance."""

from django.core.management.base import BaseCommand, CommandError

from casereview.records.backup_crypto import BackupError
from casereview.records.backup_restore import backup_restore


class Command(BaseCommand):
    help = ("Restore a backup onto an empty instance (after `migrate`, before any user is created); BACKUP_KEY "
            "must be the key the backup was made with.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file.")

    def handle(self, *args, path, **options):
        try:
            restored = backup_restore(path=path)
        except BackupError as error:
            raise CommandError(f"Restore refused: {error}") from None
        except OSError as error:
            raise CommandError(f"Restore failed, nothing was restored: {error}") from None
        self.stdout.write(self.style.SUCCESS(
            f"Restored {restored.records} record(s) of {restored.models} kind(s) and {restored.files} document(s); "
            f"every document's SHA-256 checked; audit chain of {restored.audit_events} event(s) verified. Users "
            "must sign in again."))
