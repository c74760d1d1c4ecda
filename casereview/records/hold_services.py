"""Writes to legal holds: place one, add the records it covers, release it with a reason."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.retention import RECORD_TYPES, HoldKind, RecordType
from casereview.partnerships.access import require_administer

from .models import HoldItem, LegalHold, RetentionRule
from .sources import SOURCES, record_find


def legal_hold_place(*, actor, partnership, kind: str, description: str) -> LegalHold:
    """Place a hold; records are added to it next."""
    require_administer(actor, partnership)
    errors = {}
    if kind not in HoldKind._value2member_map_:
        errors["kind"] = "Choose what the hold is for"
    if not description.strip():
        errors["description"] = "Enter what the hold is for"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        hold = LegalHold.objects.create(partnership=partnership, kind=kind, description=description.strip(),
                                        placed_by=actor, placed_on=timezone.localdate())
        audit_record(actor=actor, verb=Verb.CREATED, target=hold, partnership=partnership,
                     changes={"kind": [None, kind], "description": [None, hold.description]})
    return hold


def legal_hold_item_add(*, actor, hold: LegalHold, record_type: str, reference: str = "",
                        whole_type: bool = False) -> HoldItem:
    """Put one record (found by its number or reference), or every record of a type, under an active hold."""
    partnership = hold.partnership
    require_administer(actor, partnership)
    if record_type not in RecordType._value2member_map_:
        raise ValidationError({"record_type": "Choose the type of record"})
    kind = RecordType(record_type)
    with transaction.atomic():
        # Locking the type's rule serialises this with a deletion of the same type (record_delete locks it too).
        RetentionRule.objects.select_for_update().filter(partnership=partnership, record_type=kind.value).first()
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if not hold.active:
            raise ValidationError("This hold has been released: place a new hold instead.")
        if whole_type:
            object_id, label = None, f"Every {RECORD_TYPES[kind].label.lower()} record"
        else:
            record = record_find(partnership, kind.value, reference)
            if record is None:
                raise ValidationError({"reference": "No record of this type has that number or reference"})
            object_id, label = record.pk, SOURCES[kind].label(record)
        if hold.items.filter(record_type=kind.value, object_id=object_id).exists():
            raise ValidationError({"reference": "This hold already covers that record"})
        item = HoldItem.objects.create(hold=hold, record_type=kind.value, object_id=object_id, label=label,
                                       added_by=actor, added_on=timezone.localdate())
        audit_record(actor=actor, verb=Verb.UPDATED, target=hold, partnership=partnership,
                     changes={"records held": [None, label]})
    return item


def legal_hold_release(*, actor, hold: LegalHold, reason: str) -> LegalHold:
    """Release an active hold, saying why; its records may then be deleted when their review date has come."""
    require_administer(actor, hold.partnership)
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the hold is being released"})
    with transaction.atomic():
        hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
        if not hold.active:
            raise ValidationError("This hold has already been released.")
        hold.released_on, hold.released_by, hold.release_reason = timezone.localdate(), actor, reason.strip()
        hold.save(update_fields=["released_on", "released_by", "release_reason"])
        audit_record(actor=actor, verb=Verb.ENDED, target=hold, partnership=hold.partnership,
                     changes={"released_on": [None, hold.released_on.isoformat()],
                              "reason": [None, hold.release_reason]})
    return hold
