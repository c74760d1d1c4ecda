"""Reads for minutes: the entries against the agenda, who took no part in which decision, the meetings that
may approve the minutes or ratify a decision, and the minutes clock of the terms in force on the day."""

from __future__ import annotations

from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from casereview.domain.clocks import evaluate, format_date
from casereview.domain.governance import minutes_clock, warns
from casereview.domain.governance_lifecycle import MINUTES, MeetingStatus, MinutesStatus
from casereview.domain.quorum import join_and
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.terms_selectors import parsed, terms_in_force

from .interests_selectors import conflicts_by_item
from .models import AgendaItem, Invitation, Meeting, Minutes
from .models.meeting import meeting_day  # noqa: F401  (re-exported for this module's users)

NOT_SET = "Not set by the terms of reference"



def meeting_label(meeting) -> str:
    """A meeting as offered in a choice, e.g. "Tuesday 9 June 2026 (business meeting)"."""
    return f"{format_date(meeting_day(meeting))} ({meeting.get_kind_display().lower()} meeting)"


def excluded_note(people: list, *, restricted: bool) -> str:
    """What the minutes say about those with a declared conflict on an item."""
    if not people:
        return ""
    names = join_and([p.full_name for p in people])
    verb = "declared an interest" if len(people) == 1 else "each declared an interest"
    note = f"{names} {verb} and took no part in the decision on this item."
    if restricted:
        note += f" The item is restricted: its papers were withheld from {names}."
    return note


def _later_held(meeting):
    return Meeting.objects.filter(group_id=meeting.group_id, partnership_id=meeting.partnership_id,
                                  status=MeetingStatus.HELD, starts_at__gt=meeting.starts_at
                                  ).order_by("starts_at", "pk")


def approving_meetings(meeting) -> list[Meeting]:
    """Meetings that can approve these minutes: later held meetings of the same group, the next one first."""
    return list(_later_held(meeting))


def ratifying_meetings(meeting) -> list[Meeting]:
    """Meetings that can ratify this meeting's decisions: later, held and quorate, of the same group."""
    return list(_later_held(meeting).filter(quorate=True))


def minutes_recipients(meeting) -> list[str]:
    """The e-mail addresses of everyone invited to the meeting (invitations not withdrawn)."""
    emails = Invitation.objects.filter(meeting=meeting, withdrawn=False).exclude(person__email="").values_list(
        "person__email", flat=True)
    return sorted(set(emails))


def minutes_clock_state(meeting, today: date, minutes: Minutes | None) -> dict:
    """The minutes clock: due a set time after the meeting by the terms in force that day, met on distribution."""
    version = terms_in_force(meeting.group, meeting_day(meeting))
    defn = minutes_clock(parsed(version)) if version is not None else None
    if defn is None:
        return {"set": False, "text": NOT_SET}
    completed = timezone.localdate(minutes.distributed_at) if minutes and minutes.distributed_at else None
    state = evaluate(defn, anchor=meeting_day(meeting), today=max(today, completed or today),
                     calendar=partnership_calendar(meeting.partnership), completed_on=completed)
    return {"set": True, "rule": defn.citation, "state": state, "summary": state.summary, "warn": warns(state),
            "due": state.due}


def _entries(minutes: Minutes):
    return minutes.entries.select_related("item", "ratified_at").prefetch_related(
        Prefetch("actions", queryset=_actions_qs()))


def _actions_qs():
    from casereview.actions.models import Action

    return Action.objects.select_related("owner", "agency").order_by("due_date", "pk")


def entry_rows(meeting, minutes: Minutes) -> list[dict]:
    """The entries for display in agenda order (other business last); a draft shows who took no part as
    things stand now, approved minutes as they were recorded."""
    draft = minutes.status == MinutesStatus.DRAFT
    items = {i.pk: i for i in AgendaItem.objects.filter(meeting=meeting)} if draft else {}
    conflicts = conflicts_by_item(meeting) if draft else {}
    rows = []
    for entry in sorted(_entries(minutes), key=lambda e: (e.item_id is None, e.item.number if e.item else 0, e.pk)):
        note = entry.excluded_note
        if draft and entry.item_id in items:
            note = excluded_note(conflicts.get(entry.item_id, []), restricted=items[entry.item_id].restricted)
        rows.append({"entry": entry, "heading": str(entry), "excluded_note": note, "actions": list(entry.actions.all()),
                     "awaiting_ratification": entry.needs_ratification and entry.ratified_at_id is None})
    return rows


def draft_blocks(meeting) -> list[dict]:
    """The blocks of the minutes form: one per agenda item in order, then other business (existing, and one
    new), each with its current text, its declared-conflict note and its actions so far."""
    minutes = Minutes.objects.filter(meeting=meeting).first()
    entries = list(_entries(minutes)) if minutes else []
    by_item = {e.item_id: e for e in entries if e.item_id}
    conflicts = conflicts_by_item(meeting)
    blocks = []
    for item in AgendaItem.objects.filter(meeting=meeting).order_by("number", "pk"):
        entry = by_item.get(item.pk)
        blocks.append(_block(f"item{item.pk}", entry, heading=str(item), item=item,
                             note=excluded_note(conflicts.get(item.pk, []), restricted=item.restricted)))
    for entry in sorted((e for e in entries if not e.item_id), key=lambda e: e.pk):
        blocks.append(_block(f"other{entry.pk}", entry, heading=entry.heading, item=None, note=""))
    blocks.append(_block("new", None, heading="", item=None, note=""))
    return blocks


def _block(key: str, entry, *, heading: str, item, note: str) -> dict:
    return {"key": key, "item": item, "entry": entry, "heading": heading, "excluded_note": note,
            "discussion": entry.discussion if entry else "", "decision": entry.decision if entry else "",
            "actions": list(entry.actions.all()) if entry else []}


def draft_blocked_reason(meeting) -> str:
    """Why the minutes cannot be drafted or changed now, or "" when they can."""
    if meeting.status != MeetingStatus.HELD:
        return "Minutes can be drafted once the meeting has been marked held."
    minutes = Minutes.objects.filter(meeting=meeting).only("status").first()
    if minutes is not None and minutes.status != MinutesStatus.DRAFT:
        return f"These minutes are {MINUTES.label(minutes.status).lower()}: they can no longer be changed."
    return ""


def minutes_part(meeting, user, today: date) -> dict:
    """The minutes part of the meeting page: status, clock, entries with actions and ratification, and what
    can be done next."""
    if meeting.status == MeetingStatus.CANCELLED:
        return {"minutes_cancelled": True}
    minutes = Minutes.objects.select_related("approved_at").filter(meeting=meeting).first()
    held = meeting.status == MeetingStatus.HELD
    status = minutes.status if minutes else None
    rows = entry_rows(meeting, minutes) if minutes else []
    awaiting = any(r["awaiting_ratification"] for r in rows)
    return {
        "minutes_record": minutes,
        "minutes_status_label": MINUTES.label(status) if status else "Not started",
        "minutes_rows": rows,
        "minutes_clock": minutes_clock_state(meeting, today, minutes),
        "minutes_can_draft": held and status in (None, MinutesStatus.DRAFT),
        "minutes_can_approve": held and status == MinutesStatus.DRAFT,
        "minutes_can_distribute": status == MinutesStatus.APPROVED,
        "minutes_inquorate": held and meeting.quorate is False,
        "minutes_ratify_options": [(m.pk, meeting_label(m)) for m in ratifying_meetings(meeting)] if awaiting else [],
    }
