"""Minutes: drafted against the agenda once the meeting is held, approved at a later held meeting of the
group, then distributed to the invitees (which meets the minutes clock). Decisions of an inquorate meeting
are flagged for ratification, and ratified at a later quorate meeting of the same group."""

from __future__ import annotations

from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from casereview.actions.services import action_create, action_errors
from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.governance_lifecycle import MINUTES, MeetingStatus, MinutesStatus
from casereview.domain.lifecycle import TransitionError
from casereview.web.mail import notice_send

from .access import require_manage_meetings
from .interests_selectors import conflicts_by_item
from .minutes_selectors import approving_meetings, excluded_note, meeting_day, minutes_recipients, ratifying_meetings
from .models import AgendaItem, Meeting, MinuteEntry, Minutes

TEXT_MAX = 20000
HEADING_MAX = 300


def ratification_sync(meeting) -> None:
    """Flag every decision of an inquorate meeting as needing ratification (and unflag them when the meeting
    proves quorate); decisions already ratified keep their record."""
    entries = MinuteEntry.objects.filter(minutes__meeting=meeting, ratified_at__isnull=True)
    if meeting.quorate is False:
        entries.exclude(decision="").update(needs_ratification=True)
        entries.filter(decision="").update(needs_ratification=False)
    else:
        entries.update(needs_ratification=False)


def _require_draftable(meeting) -> None:
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError({"__all__": ["Minutes can be drafted once the meeting has been marked held"]})
    minutes = Minutes.objects.filter(meeting=meeting).first()
    if minutes is not None and minutes.status != MinutesStatus.DRAFT:
        raise ValidationError({"__all__": [f"These minutes are {MINUTES.label(minutes.status).lower()}: they "
                                           "can no longer be changed"]})


@transaction.atomic
def minutes_save(*, actor, meeting, entries: list[dict]) -> Minutes:
    """Save the draft minutes: one entry per agenda item (in agenda order), plus other business, with any new
    actions. Each entry dict has "key", "item_id" or "entry_id" (other business), "heading", "discussion",
    "decision" and "action" ({"title", "owner", "due_date"} or None). Who took no part because of a declared
    conflict is written by the service, never typed."""
    require_manage_meetings(actor, meeting.partnership)
    meeting = Meeting.objects.select_for_update(of=("self",)).select_related("group", "partnership").get(pk=meeting.pk)
    _require_draftable(meeting)
    items = {item.pk: item for item in AgendaItem.objects.filter(meeting=meeting)}
    minutes, created = Minutes.objects.get_or_create(meeting=meeting, defaults={"updated_by": actor})
    existing = {e.pk: e for e in minutes.entries.all()}
    by_item = {e.item_id: e for e in existing.values() if e.item_id}
    errors = _entries_errors(meeting, entries, items, existing)
    if errors:
        raise ValidationError(errors)
    conflicts = conflicts_by_item(meeting)
    changed = []
    for data in entries:
        entry = _entry_for(minutes, data, items, by_item, existing)
        if entry is None:
            continue
        if _entry_save(entry, data, items.get(data.get("item_id")), conflicts):
            changed.append(entry.heading or "Other business")
        if entry.item_id:
            by_item[entry.item_id] = entry
        action = data.get("action")
        if action and entry.pk:
            action_create(actor=actor, partnership=meeting.partnership, title=action["title"], owner=action["owner"],
                          due_date=action["due_date"], set_on=meeting_day(meeting), meeting=meeting,
                          minute_entry=entry)
    for item in items.values():  # an item the form did not send still gets its entry, in agenda order
        if item.pk not in by_item:
            _entry_save(MinuteEntry(minutes=minutes, item=item), {}, item, conflicts)
    minutes.updated_by = actor
    minutes.save()
    ratification_sync(meeting)
    audit_record(actor=actor, verb=Verb.CREATED if created else Verb.UPDATED, target=minutes,
                 partnership=meeting.partnership, changes={"entries_changed": [None, changed]})
    return minutes


def _entries_errors(meeting, entries: list[dict], items: dict, existing: dict) -> dict:
    errors: dict[str, list[str]] = {}
    for data in entries:
        key = data["key"]
        if data.get("item_id") is not None and data["item_id"] not in items:
            errors["__all__"] = ["The agenda has changed since the page was opened: open the minutes again"]
            continue
        if data.get("entry_id") is not None and data["entry_id"] not in existing:
            errors["__all__"] = ["The minutes have changed since the page was opened: open them again"]
            continue
        other = data.get("item_id") is None
        heading = (data.get("heading") or "").strip()
        if other and not heading and ((data.get("discussion") or "").strip() or (data.get("decision") or "").strip()
                                      or data.get("action")):
            errors[f"{key}_heading"] = ["Enter a heading for this item of other business"]
        if other and heading == "" and data.get("entry_id") in existing and existing[data["entry_id"]].actions.exists():
            errors[f"{key}_heading"] = ["This item has actions, so it cannot be removed: keep its heading"]
        for name, limit in (("heading", HEADING_MAX), ("discussion", TEXT_MAX), ("decision", TEXT_MAX)):
            if len(data.get(name) or "") > limit:
                errors[f"{key}_{name}"] = [f"Enter {limit} characters or fewer"]
        action = data.get("action")
        if action:
            errors.update(action_errors(partnership=meeting.partnership, title=action.get("title"),
                                        owner=action.get("owner"), due_date=action.get("due_date"),
                                        not_before=meeting_day(meeting), prefix=f"{key}_action_"))
    return errors


def _entry_for(minutes, data: dict, items: dict, by_item: dict, existing: dict) -> MinuteEntry | None:
    """The entry the data is for: an item's (made if new), an existing other business entry, or a new one;
    None for a blank new entry, and an emptied other business entry is removed."""
    if data.get("item_id") is not None:
        return by_item.get(data["item_id"]) or MinuteEntry(minutes=minutes, item=items[data["item_id"]])
    blank = not any((data.get(k) or "").strip() for k in ("heading", "discussion", "decision"))
    if data.get("entry_id") is not None:
        entry = existing[data["entry_id"]]
        if blank:
            entry.delete()
            return None
        return entry
    return None if blank else MinuteEntry(minutes=minutes)


def _entry_save(entry: MinuteEntry, data: dict, item, conflicts: dict) -> bool:
    """Write the entry's fields; return whether anything changed."""
    before = (entry.pk, entry.heading, entry.discussion, entry.decision, entry.excluded_note)
    if item is not None:
        entry.heading = str(item)
        entry.excluded_note = excluded_note(conflicts.get(item.pk, []), restricted=item.restricted)
    else:
        entry.heading = (data.get("heading") or "").strip()
    if data:
        entry.discussion = (data.get("discussion") or "").strip()
        entry.decision = (data.get("decision") or "").strip()
    if before == (entry.pk, entry.heading, entry.discussion, entry.decision, entry.excluded_note):
        return False
    entry.save()
    return True


def _minutes_locked(meeting) -> Minutes:
    minutes = Minutes.objects.select_for_update().filter(meeting=meeting).first()
    if minutes is None:
        raise ValidationError({"__all__": ["No minutes have been drafted for this meeting yet"]})
    return minutes


def _move(minutes: Minutes, to: MinutesStatus) -> str:
    try:
        return MINUTES.check(minutes.status, to)
    except TransitionError as exc:
        raise ValidationError({"__all__": [str(exc)]}) from exc


@transaction.atomic
def minutes_approve(*, actor, meeting, at_meeting) -> Minutes:
    """Record that the minutes were approved at `at_meeting`: a later, held meeting of the same group."""
    require_manage_meetings(actor, meeting.partnership)
    minutes = _minutes_locked(meeting)
    status = _move(minutes, MinutesStatus.APPROVED)
    if at_meeting is None:
        raise ValidationError({"at_meeting": ["Choose the meeting that approved the minutes"]})
    if at_meeting.pk not in {m.pk for m in approving_meetings(meeting)}:
        raise ValidationError({"at_meeting": ["Minutes are approved at a later meeting of the same group that has "
                                              "been held: choose one of those listed"]})
    before = minutes.status
    minutes.status, minutes.approved_at = status, at_meeting
    minutes.approved_on = meeting_day(at_meeting)
    minutes.updated_by = actor
    minutes.save()
    audit_record(actor=actor, verb=Verb.APPROVED, target=minutes, partnership=meeting.partnership, changes={
        "status": [before, status], "approved_at": [None, str(at_meeting)],
        "approved_on": [None, minutes.approved_on.isoformat()],
    })
    return minutes


@transaction.atomic
def minutes_distribute(*, actor, meeting) -> Minutes:
    """Distribute approved minutes: record when, and e-mail every invitee a notice with a link (after commit).
    Distribution meets the minutes clock."""
    require_manage_meetings(actor, meeting.partnership)
    minutes = _minutes_locked(meeting)
    status = _move(minutes, MinutesStatus.DISTRIBUTED)
    before = minutes.status
    minutes.status, minutes.distributed_at, minutes.updated_by = status, timezone.now(), actor
    minutes.save()
    recipients = minutes_recipients(meeting)
    audit_record(actor=actor, verb=Verb.SENT, target=minutes, partnership=meeting.partnership, changes={
        "status": [before, status], "distributed_at": [None, minutes.distributed_at.isoformat()],
        "recipients": [None, len(recipients)],
    })
    transaction.on_commit(partial(notice_send, **_distribution_mail(meeting, recipients)))
    return minutes


def _distribution_mail(meeting, recipients: list[str]) -> dict:
    """The notice names the group and the date only: the minutes themselves stay behind sign-in."""
    link = f"{settings.SITE_URL}{reverse('meetings:detail', args=[meeting.pk])}#minutes"
    day = format_date(meeting_day(meeting))
    subject = f"Minutes of the {meeting.group.name} meeting on {day}"
    message = (f"The approved minutes of the {meeting.group.name} meeting on {day} are now available.\n\n"
               f"Sign in to read them, and to see any actions set for you: {link}\n\n"
               "Please do not forward this e-mail; the minutes are confidential.\n")
    return {"subject": subject, "message": message, "recipients": recipients,
            "about": f"the minutes of meeting {meeting.pk}"}


@transaction.atomic
def minute_entry_ratify(*, actor, meeting, entry_pk, at_meeting) -> MinuteEntry:
    """Record that a decision of an inquorate meeting was ratified at a later quorate meeting of the group."""
    require_manage_meetings(actor, meeting.partnership)
    entry = MinuteEntry.objects.select_for_update(of=("self",)).filter(pk=entry_pk, minutes__meeting=meeting).first()
    if entry is None:
        raise ValidationError({"__all__": ["That entry is not in this meeting's minutes"]})
    if entry.ratified_at_id is not None:
        raise ValidationError({"__all__": [f"“{entry}” was already ratified at the meeting on "
                                           f"{format_date(meeting_day(entry.ratified_at))}"]})
    if not entry.needs_ratification:
        raise ValidationError({"__all__": [f"“{entry}” does not need ratification: the meeting was quorate or the "
                                           "entry records no decision"]})
    if at_meeting is None:
        raise ValidationError({"at_meeting": ["Choose the later quorate meeting that ratified the decision"]})
    if at_meeting.pk not in {m.pk for m in ratifying_meetings(meeting)}:
        raise ValidationError({"at_meeting": ["A decision is ratified at a later meeting of the same group that was "
                                              "held and quorate: choose one of those listed"]})
    entry.ratified_at = at_meeting
    entry.save(update_fields=["ratified_at"])
    audit_record(actor=actor, verb=Verb.UPDATED, target=entry, partnership=meeting.partnership, changes={
        "ratified_at": [None, str(at_meeting)],
    })
    return entry
