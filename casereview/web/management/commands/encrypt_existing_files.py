"""Encrypt the files stored before encryption at rest was turned on (run it once, after upgrading).

A file is taken to be encrypted already when it starts with the Fernet token prefix ("gAAAAA") and a listed key
opens it; every other file a record points to is encrypted in place under the current key. Running it again
does nothing (each file is replaced whole, atomically, so it is safe to interrupt and run again)."""

from django.core.management.base import CommandError

from casereview.web.management.sweep_command import SweepCommand


class Command(SweepCommand):
    help = "Encrypt, under the current key, every stored file that is not yet encrypted; reports counts."
    action, changed = "encrypt_in_place", "encrypted"
    outcomes = [("encrypted", "encrypted now"), ("already", "already encrypted"),
                ("unreadable", "look encrypted but no listed key opens them (left alone)"),
                ("missing", "missing from disk")]
    dry_run_words = "would be encrypted"

    def handle(self, *args, dry_run=False, **options):
        sweep = self.sweep(dry_run)
        if sweep.counts.get("unreadable"):
            raise CommandError("Some files could not be checked (listed above): is a key missing from "
                               "FILE_ENCRYPTION_KEYS?")
