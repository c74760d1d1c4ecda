"""The weekly digest: on Mondays (UK date), one e-mail to each person who wants it and has something due,
listing their overdue items and those due in the next 14 days.

"Their" items are the deadlines they would be reminded about (the same sources and recipients as the daily
reminders, and actions). Each digest is recorded (DigestSent, unique per person and ISO week) in the same
transaction as its audit event and its outbox message (key "digest:<user>:<week>"), so it goes once a week
however often the scan runs. Lines say what is due, when, and link to it; they carry no child's details."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.reminders import DEFAULT, OVERDUE, digest_section, digest_week, is_digest_day
from casereview.web.mail import notice_send

from . import sources
from .deadlines import Deadline
from .models import DigestSent
from .preferences import preferences_for
from .scan import REMINDER_SOURCES, choices_line, deadlines

SYSTEM = "weekly digest"
DIGEST_SOURCES = [*REMINDER_SOURCES, sources.action_deadlines]


@dataclass(frozen=True)
class DigestDone:
    user_id: int
    week: str
    items: int


def weekly_digests_send(*, today: date) -> list[DigestDone]:
    """On a Monday, send each person's digest for this week unless already sent; return what was sent."""
    if not is_digest_day(today):
        return []
    week = digest_week(today)
    per_user = _items_by_user(deadlines(today, DIGEST_SOURCES), today)
    prefs = preferences_for(per_user)
    already = set(DigestSent.objects.filter(week=week, user_id__in=per_user).values_list("user_id", flat=True))
    users = get_user_model().objects.filter(pk__in=set(per_user) - already, is_active=True).in_bulk()
    sent = []
    for user_id, items in per_user.items():
        user = users.get(user_id)
        if user is None or not user.email or not prefs.get(user_id, DEFAULT).weekly_digest:
            continue
        if _record(user, week, items, today):
            sent.append(DigestDone(user_id, week, len(items)))
    return sent


def _items_by_user(rows: list[Deadline], today: date) -> dict[int, list[tuple[str, Deadline]]]:
    """Each user's (section, deadline) pairs, overdue first then by due date."""
    found: dict[int, dict[tuple, tuple[str, Deadline]]] = defaultdict(dict)
    for deadline in rows:
        section = digest_section(due=deadline.due, today=today, done=deadline.done)
        if section is None:
            continue
        for recipient in deadline.recipients:
            if recipient.user_id is not None:
                found[recipient.user_id][(deadline.clock, deadline.object_key)] = (section, deadline)
    return {uid: sorted(items.values(), key=lambda p: (p[0] != OVERDUE, p[1].due, p[1].title))
            for uid, items in found.items()}


def _record(user, week: str, items: list[tuple[str, Deadline]], today: date) -> bool:
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, week=week, sent_on=today, items=len(items))
            audit_record(actor=None, system=SYSTEM, verb=Verb.SENT, target=user,
                         changes={"digest": [None, week], "items": [None, len(items)]})
            notice_send(subject=f"Your week ahead: {len(items)} item{'s' if len(items) != 1 else ''} due or overdue",
                        message=digest_body(items, today), recipients=[user.email], about=f"the digest of {week}",
                        key=f"digest:{user.pk}:{week}")
    except IntegrityError:
        return False  # another run sent this week's digest first
    return True


def digest_body(items: list[tuple[str, Deadline]], today: date) -> str:
    """The digest's text: an overdue part and a coming-up part, one line per item."""
    overdue = [d for section, d in items if section == OVERDUE]
    coming = [d for section, d in items if section != OVERDUE]
    parts = [f"Your reminders for the week of {format_date(today)}."]
    if overdue:
        parts.append("Overdue:\n" + "\n".join(_line(d) for d in overdue))
    if coming:
        parts.append("Due in the next 14 days:\n" + "\n".join(_line(d) for d in coming))
    parts.append(choices_line())
    return "\n\n".join(parts)


def _line(deadline: Deadline) -> str:
    return f"- {deadline.title} — due {format_date(deadline.due)} — {deadline.link}"
