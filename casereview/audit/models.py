"""Audit events: append-only rows chained by SHA-256 so that any edit, insertion or deletion shows."""

from django.db import models

from .vocabulary import Verb


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Audit events are append-only.")

    def delete(self):
        raise PermissionError("Audit events are append-only.")


class AuditEvent(models.Model):
    """One thing that happened: who did what to which record, when and from where."""

    seq = models.PositiveBigIntegerField(unique=True)
    occurred_at = models.DateTimeField()
    # Plain ids and labels rather than foreign keys: the trail must outlive the rows it describes.
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=200, blank=True)
    partnership_id = models.BigIntegerField(null=True, blank=True)  # indexed with seq, below
    verb = models.CharField(max_length=40, choices=Verb.choices)
    target_type = models.CharField(max_length=100, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        # (partnership, seq): a partnership's trail newest first is read from the index, not sorted; it also
        # serves every look-up by partnership alone.
        indexes = [models.Index(fields=["target_type", "target_id"]),
                   models.Index(fields=["partnership_id", "seq"], name="audit_partnership_seq")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.actor_label} {self.verb} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit events are append-only.")


class ChainHead(models.Model):
    """The single row holding the latest sequence number and hash.

    Writers lock it, which serialises appends on PostgreSQL, and it lets verification notice a
    deleted final event.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default="0" * 64)
    # The latest event that changed records (not a read or a sign-in): moved in the same transaction as the
    # write, so it names the state of the data. Remembered results (casereview.web.process_cache) are keyed on
    # it. The hash, not only the number, because a rolled-back event's number is used again.
    written_seq = models.PositiveBigIntegerField(default=0)
    written_hash = models.CharField(max_length=64, default="0" * 64)
    # The latest write that belongs to no partnership (accounts, the calendar, restores): pages and results of one
    # partnership are kept while neither this nor their partnership's head (PartnershipHead) moves.
    shared_seq = models.PositiveBigIntegerField(default=0)
    shared_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"chain head at event {self.seq}"


class PartnershipHead(models.Model):
    """The latest event that changed one partnership's records, moved in the write's own transaction.

    A write in one partnership leaves what was remembered for the others current: with 131 partnerships at work,
    a single version for the whole service made every kept page stale many times a minute. A plain id, like the
    events': a head outlives nothing, but it must never stop a write from being recorded."""

    partnership_id = models.BigIntegerField(primary_key=True)
    written_seq = models.PositiveBigIntegerField(default=0)
    written_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"partnership {self.partnership_id} written at event {self.written_seq}"
