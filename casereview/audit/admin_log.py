"""Put the Django admin's own actions into the audit chain, so no change escapes it."""

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from .services import audit_record
from .vocabulary import Verb

VERBS = {ADDITION: Verb.CREATED, CHANGE: Verb.UPDATED, DELETION: Verb.DELETED}


class _AdminTarget:
    """Stands in for the changed object, which may already be deleted when the log entry is written."""

    def __init__(self, entry: LogEntry):
        self.pk = entry.object_id
        self._label = entry.object_repr
        content_type = entry.content_type
        self._meta = type("Meta", (), {"app_label": content_type.app_label if content_type else "",
                                       "model_name": content_type.model if content_type else ""})

    def __str__(self) -> str:
        return self._label


@receiver(post_save, sender=LogEntry)
def record_admin_action(sender, instance: LogEntry, created: bool, **kwargs):
    """Each admin log entry becomes an audit event in the same transaction as the admin's change."""
    if not created or kwargs.get("raw"):
        return  # raw: rows loaded from a backup or fixture are history, not a new admin action
    with transaction.atomic():  # the admin's own transaction when there is one; a savepoint inside it
            audit_record(actor=instance.user, verb=VERBS.get(instance.action_flag, Verb.UPDATED),
                     target=_AdminTarget(instance),
                     changes={"admin": [None, instance.get_change_message() or "changed"]})
