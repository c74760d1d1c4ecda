"""Write an encrypted backup of the database and every stored document to one file."""

from django.core.management.base import BaseCommand, CommandError

from casereview.records.backup_crypto import BackupError
from casereview.records.backup_make import backup_make


class Command(BaseCommand):
    help = ("Back up the database and every stored document into one file encrypted with BACKUP_KEY "
            "(see docs/records-management.md).")

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="The backup file to write (replaced if it exists).")

    def handle(self, *args, output, **options):
        try:
            summary = backup_make(output=output)
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from None
        self.stdout.write(self.style.SUCCESS(
            f"Backed up {summary.records} record(s) of {summary.models} kind(s) and {summary.files} document(s) "
            f"({summary.file_bytes} bytes) to {output}. SHA-256 of the backup file: {summary.sha256}"))
