"""Re-encrypt every stored file under the current key (the first in FILE_ENCRYPTION_KEYS).

Rotation: put the new key first in FILE_ENCRYPTION_KEYS and keep the old one after it, restart the service, run
this command, and only once it reports nothing left under an old key, drop the old key and restart again. Files
already under the current key are left alone, so running it again does nothing (it is safe to interrupt and run
again: each file is replaced whole, atomically)."""

from django.core.management.base import CommandError

from casereview.web.management.sweep_command import SweepCommand


class Command(SweepCommand):
    help = "Re-encrypt every stored file under the current (first) key in FILE_ENCRYPTION_KEYS; reports counts."
    action, changed = "rotate", "rotated"
    outcomes = [("rotated", "re-encrypted under the current key"), ("current", "already under the current key"),
                ("plaintext", "not encrypted (left alone)"), ("unreadable", "no listed key opens them (left alone)"),
                ("missing", "missing from disk")]
    dry_run_words = "would be re-encrypted under the current key"

    def handle(self, *args, dry_run=False, **options):
        sweep = self.sweep(dry_run)
        if sweep.counts.get("plaintext") or sweep.counts.get("unreadable"):
            raise CommandError("Some files are not under the current key (listed above): keep the old keys in "
                               "FILE_ENCRYPTION_KEYS until they are dealt with.")
        if not dry_run:
            self.stdout.write("Every stored file is under the current key: older keys can now be removed from "
                              "FILE_ENCRYPTION_KEYS (keep a copy with your backups).")
