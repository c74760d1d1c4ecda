"""Re-encrypt every stored file under the current key (the first in FILE_ENCRYPTION_KEYS).

Rotation: put the new key first in FILE_ENCRYPTION_KEYS and keep the old one after it, restart the service, run
this command, and only once it reports nothing left under an old key, drop the old key and restart again. Files
already under the current key are left alone, so running it again does nothing (it is safe to interrupt and run
again: each file is replaced whole, atomically)."""

from django.core.management.base import BaseCommand, CommandError

from casereview.web.storage import files_sweep, sweep_audit

OUTCOMES = [("rotated", "re-encrypted under the current key"), ("current", "already under the current key"),
            ("plaintext", "not encrypted (left alone)"), ("unreadable", "no listed key opens them (left alone)"),
            ("missing", "missing from disk")]


class Command(BaseCommand):
    help = "Re-encrypt every stored file under the current (first) key in FILE_ENCRYPTION_KEYS; reports counts."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would change; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        sweep = files_sweep("rotate", dry_run=dry_run)
        if dry_run:
            self.stdout.write("Dry run: no file was changed.")
        elif sweep.counts.get("rotated"):
            sweep_audit(sweep, job="rotate_file_key")
        for outcome, words in OUTCOMES:
            count = sweep.counts.get(outcome, 0)
            verb = "would be " if dry_run and outcome == "rotated" else ""
            self.stdout.write(f"{count} file{'s' if count != 1 else ''} {verb}{words}")
        for problem in sweep.problems:
            self.stderr.write(problem)
        if sweep.counts.get("plaintext") or sweep.counts.get("unreadable"):
            raise CommandError("Some files are not under the current key (listed above): keep the old keys in "
                               "FILE_ENCRYPTION_KEYS until they are dealt with.")
        if not dry_run:
            self.stdout.write("Every stored file is under the current key: older keys can now be removed from "
                              "FILE_ENCRYPTION_KEYS (keep a copy with your backups).")
