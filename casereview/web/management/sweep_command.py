"""The shape both file-key commands share: sweep every stored file with one action (or count only, with
--dry-run), audit what changed, report a count per outcome and any problems."""

from django.core.management.base import BaseCommand

from casereview.web.storage import files_sweep, sweep_audit


class SweepCommand(BaseCommand):
    action = ""  # the sweep's action, e.g. "rotate"
    changed = ""  # the outcome that means a file was changed, e.g. "rotated"
    outcomes: list[tuple[str, str]] = []  # (outcome, words after the count)
    dry_run_words = ""  # the words for `changed` in a dry run, e.g. "would be re-encrypted under the current key"

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count what would change; change nothing.")

    def sweep(self, dry_run: bool):
        """Run the sweep, audit it when it changed files, print the counts and problems; return the sweep."""
        sweep = files_sweep(self.action, dry_run=dry_run)
        if dry_run:
            self.stdout.write("Dry run: no file was changed.")
        elif sweep.counts.get(self.changed):
            sweep_audit(sweep, job=self.job_name)
        for outcome, words in self.outcomes:
            count = sweep.counts.get(outcome, 0)
            if dry_run and outcome == self.changed:
                words = self.dry_run_words
            self.stdout.write(f"{count} file{'s' if count != 1 else ''} {words}")
        for problem in sweep.problems:
            self.stderr.write(problem)
        return sweep

    @property
    def job_name(self) -> str:
        return self.__module__.rsplit(".", 1)[-1]
