"""Outbound messages waiting for, or after, delivery; and the record of each day's deadline scan."""

from django.db import models
from django.utils import timezone

from casereview.partnerships.models import Partnership


class Status(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed, will retry"
    GAVE_UP = "gave_up", "Gave up"


class OutboxMessage(models.Model):
    """One e-mail to one address. Written in the transaction of the change it reports; delivered after it commits.

    `key` is unique, so the same reminder queued twice is one row and is sent once. While `status` is
    sending, `next_attempt_at` is the end of the sender's lease: a message still sending after it (the worker
    died mid-send) is picked up again by the sweep.
    """

    key = models.CharField(max_length=200, unique=True)
    partnership = models.ForeignKey(Partnership, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="outbox_messages")
    to = models.EmailField(max_length=254)
    subject = models.CharField(max_length=300)
    body = models.TextField()
    about = models.CharField(max_length=300, blank=True)
    attachment_name = models.CharField(max_length=100, blank=True)
    attachment_type = models.CharField(max_length=200, blank=True)
    attachment_data = models.BinaryField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # A function (dotted path inside casereview) called with on_sent_args and sent_at once the message has gone,
    # e.g. to stamp a meeting invitation's "last sent".
    on_sent = models.CharField(max_length=200, blank=True)
    on_sent_args = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outbox_due"),
            models.Index(fields=["partnership", "-created_at"], name="outbox_by_partnership"),
        ]

    def __str__(self):
        return f"{self.subject} to {self.to}"


class DeadlineScan(models.Model):
    """One day's deadline scan: claimed by the scheduler when it enqueues it, finished by the worker."""

    day = models.DateField(unique=True)
    enqueued_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-day"]

    def __str__(self):
        return f"Deadline scan of {self.day.isoformat()}"
