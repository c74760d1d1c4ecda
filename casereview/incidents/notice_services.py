"""Writes after a notification is recorded: telling Ofsted and the Secretary of State, opening the register."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.partnerships.access import require_administer

from .models import Notification
from .services import identity_view


@transaction.atomic
def notification_ofsted_told(*, actor, notification, told_on: date) -> Notification:
    """Record the date Ofsted and the Secretary of State were told of a death that must be reported to them.

    The date may be corrected later; each change is audited with the date it replaced.
    """
    require_administer(actor, notification.partnership)
    locked = Notification.objects.select_for_update().get(pk=notification.pk)
    if not locked.ofsted_sos_required:
        raise ValidationError({"__all__": "Ofsted and the Secretary of State do not need to be told of this "
                                          "notification: no looked-after child or care leaver died"})
    if told_on > timezone.localdate():
        raise ValidationError({"told_on": "The date must be today or in the past"})
    if told_on < locked.la_aware_date:
        raise ValidationError({"told_on": "The date cannot be before the local authority became aware "
                                          f"({format_date(locked.la_aware_date)})"})
    before = locked.ofsted_sos_told_on
    if before == told_on:
        return locked  # a second click of the same form changes nothing and records nothing
    locked.ofsted_sos_told_on = told_on
    locked.save(update_fields=["ofsted_sos_told_on"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=locked, changes={
        "ofsted_sos_told_on": [before.isoformat() if before else None, told_on.isoformat()],
    })
    return locked


@transaction.atomic
def identity_register_open(*, actor, notification) -> list[tuple]:
    """Return (child, identity record or None) for every child, recording one audited read per child shown."""
    require_administer(actor, notification.partnership)
    return [(child, identity_view(actor=actor, child=child)) for child in notification.children.all()]
