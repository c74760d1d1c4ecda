"""Check the audit chain and report any edited, inserted or deleted event."""

from django.core.management.base import BaseCommand, CommandError

from casereview.audit.chain import verify
from casereview.audit.models import AuditEvent, ChainHead


class Command(BaseCommand):
    help = "Verify the hash chain of audit events; exits non-zero if any event was edited, inserted or deleted."

    def handle(self, *args, **options):
        head = ChainHead.objects.filter(id=1).first()
        head_seq, head_hash = (head.seq, head.hash) if head else (0, "0" * 64)
        events = AuditEvent.objects.order_by("seq", "id").iterator(chunk_size=2000)
        problems = verify(events, head_seq, head_hash)
        if problems:
            for problem in problems:
                where = f"event {problem.seq}" if problem.seq is not None else "chain"
                self.stderr.write(f"{where}: {problem.message}")
            raise CommandError(f"Audit chain broken: {len(problems)} problem(s) found.")
        self.stdout.write(self.style.SUCCESS(f"Audit chain intact: {head_seq} event(s) verified."))
