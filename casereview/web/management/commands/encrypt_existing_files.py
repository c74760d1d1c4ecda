"""Encrypt the files stored before encryption at rest was turned on (run it once, after upgrading).

A file is taken to be encrypted already when it starts with the Fernet token prefix ("gAAAAA") and a listed key
opens it; every other file a record points to is encrypted in place under the current key. Running it again
does nothing (each file is replaced whole, atomically, so it is safe to interrupt and run again)."""

from django.core.management.base import BaseCommand, CommandError

from casereview.web.storage import files_sweep, sweep_audit

OUTCOMES = [("encrypted", "encrypted now"), ("already", "already encrypted"),
            ("unreadable", "look encrypted but no listed key opens them (left alone)"),
            ("missing", "missing from disk")]


class Command(BaseCommand):
    help = "Encrypt, under the current key, every stored file that is not yet encrypted; reports counts."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would change; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        sweep = files_sweep("encrypt_in_place", dry_run=dry_run)
        if dry_run:
            self.stdout.write("Dry run: no file was changed.")
        elif sweep.counts.get("encrypted"):
            sweep_audit(sweep, job="encrypt_existing_files")
        for outcome, words in OUTCOMES:
            count = sweep.counts.get(outcome, 0)
            if dry_run and outcome == "encrypted":
                words = "would be encrypted"
            self.stdout.write(f"{count} file{'s' if count != 1 else ''} {words}")
        for problem in sweep.problems:
            self.stderr.write(problem)
        if sweep.counts.get("unreadable"):
            raise CommandError("Some files could not be checked (listed above): is a key missing from "
                               "FILE_ENCRYPTION_KEYS?")
