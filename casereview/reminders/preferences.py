"""Each person's reminder choices: read them (defaults for someone who never chose) and change them."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.reminders import DAYS_BEFORE_MAX, DAYS_BEFORE_MIN, DEFAULT, Preference

from .models import ReminderPreference

FIELDS = ["before_due", "days_before", "overdue", "weekly_digest"]
DAYS_MESSAGE = f"Enter a number of days from {DAYS_BEFORE_MIN} to {DAYS_BEFORE_MAX}"


def as_preference(row: ReminderPreference | None) -> Preference:
    if row is None:
        return DEFAULT
    return Preference(row.before_due, row.days_before, row.overdue, row.weekly_digest)


def preferences_for(user_ids: Iterable[int | None]) -> dict[int, Preference]:
    """The choices of each user who made some (one query); look others up with `.get(user_id, DEFAULT)`."""
    ids = {i for i in user_ids if i is not None}
    return {row.user_id: as_preference(row) for row in ReminderPreference.objects.filter(user_id__in=ids)}


def preference_for_user(user) -> ReminderPreference:
    """The user's saved choices, or an unsaved row holding the defaults."""
    return ReminderPreference.objects.filter(user=user).first() or ReminderPreference(user=user)


def reminder_preference_update(*, actor, before_due: bool, days_before: int, overdue: bool,
                               weekly_digest: bool) -> ReminderPreference:
    """Save the signed-in person's own reminder choices, with an audit event of what changed."""
    if not isinstance(days_before, int) or not DAYS_BEFORE_MIN <= days_before <= DAYS_BEFORE_MAX:
        raise ValidationError({"days_before": DAYS_MESSAGE})
    with transaction.atomic():
        row = ReminderPreference.objects.select_for_update().filter(user=actor).first()
        before = as_preference(row)
        row = row or ReminderPreference(user=actor)
        row.before_due, row.days_before, row.overdue, row.weekly_digest = (
            before_due, days_before, overdue, weekly_digest)
        row.save()
        changes = {name: [getattr(before, name), getattr(row, name)] for name in FIELDS
                   if getattr(before, name) != getattr(row, name)}
        audit_record(actor=actor, verb=Verb.UPDATED, target=row, changes=changes)
    return row
