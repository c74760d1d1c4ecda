"""The daily reminder scan for every clock but actions' (casereview.actions.reminders sends those).

For each open deadline and each person to tell, the rule in casereview.domain.reminders decides, with that
person's choices, whether a "due soon" or "overdue" reminder is owed today. Each is sent once: the Reminder rows
(unique per clock, record, kind, due date and address), the audit event and the outbox messages (keyed the same
way) are written in one transaction, so running twice sends nothing twice and a crash loses nothing. Messages say
what is due and link to it; they carry no child's details."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.reminders import DEFAULT, OVERDUE, reminder_kind
from casereview.partnerships.models import Partnership
from casereview.web.mail import notice_send

from . import governance_sources, sources
from .deadlines import Deadline, Recipient
from .models import Reminder
from .preferences import preferences_for

SYSTEM = "deadline reminders"
REMINDER_SOURCES: list[Callable[[date], list[Deadline]]] = [
    sources.rapid_review_deadlines, sources.rapid_review_milestone_deadlines, sources.agency_return_deadlines,
    sources.panel_feedback_deadlines, sources.practice_milestone_deadlines, sources.practice_publication_deadlines,
    governance_sources.papers_deadlines,
    governance_sources.minutes_deadlines, governance_sources.terms_review_deadlines,
]


@dataclass(frozen=True)
class Sent:
    clock: str
    object_key: str
    kind: str
    recipients: tuple[str, ...]


def deadlines(today: date, source_list=None) -> list[Deadline]:
    """Every deadline the sources know of, in source order."""
    return [d for source in (REMINDER_SOURCES if source_list is None else source_list) for d in source(today)]


def deadline_reminders_send(*, today: date) -> list[Sent]:
    """Send every reminder owed today that has not been sent; return what was sent."""
    rows = deadlines(today)
    prefs = preferences_for(r.user_id for d in rows for r in d.recipients)
    already = set(Reminder.objects.filter(object_key__in={d.object_key for d in rows})
                  .values_list("clock", "object_key", "kind", "due_date", "recipient"))
    partnerships = Partnership.objects.in_bulk({d.partnership_id for d in rows})
    sent = []
    for deadline in rows:
        for kind, recipients in _owed(deadline, today, prefs, already).items():
            if _record(deadline, kind, recipients, today, partnerships.get(deadline.partnership_id)):
                sent.append(Sent(deadline.clock, deadline.object_key, kind, tuple(r.email for r in recipients)))
    return sent


def _owed(deadline: Deadline, today: date, prefs, already) -> dict[str, list[Recipient]]:
    """The recipients owed each kind of reminder today and not yet sent it."""
    owed: dict[str, list[Recipient]] = defaultdict(list)
    for recipient in deadline.recipients:
        kind = reminder_kind(due=deadline.due, today=today, done=deadline.done,
                             preference=prefs.get(recipient.user_id, DEFAULT))
        if kind and (deadline.clock, deadline.object_key, kind, deadline.due, recipient.email) not in already:
            owed[kind].append(recipient)
    return owed


def _record(deadline: Deadline, kind: str, recipients: list[Recipient], today: date, partnership) -> bool:
    emails = [r.email for r in recipients]
    try:
        with transaction.atomic():
            Reminder.objects.bulk_create([
                Reminder(clock=deadline.clock, object_key=deadline.object_key, kind=kind, due_date=deadline.due,
                         recipient=email, partnership=partnership, sent_on=today) for email in emails])
            audit_record(actor=None, system=SYSTEM, verb=Verb.SENT, target=deadline.target, partnership=partnership,
                         changes={"reminder": [None, f"{deadline.clock} {kind}"],
                                  "due_date": [None, deadline.due.isoformat()], "recipients": [None, emails]})
            _mail(deadline, kind, emails, partnership)  # queued here; the worker sends it once this commits
    except IntegrityError:
        return False  # another run recorded it first: it is sent once, by that run
    return True


def _mail(deadline: Deadline, kind: str, emails: list[str], partnership) -> None:
    due = format_date(deadline.due)
    if kind == OVERDUE:
        subject, opening = f"Overdue: {deadline.title}", f"This was due on {due} and is not yet done."
    else:
        subject, opening = f"Due soon: {deadline.title}", f"This is due on {due}."
    notice_send(subject=subject, recipients=emails, partnership=partnership,
                about=f"the {kind} reminder: {deadline.clock} {deadline.object_key}",
                key=f"reminder:{deadline.clock}:{deadline.object_key}:{kind}:{deadline.due.isoformat()}",
                message=f"{deadline.title}\n\n{opening}\n\nOpen it here: {deadline.link}\n\n{choices_line()}")


def choices_line() -> str:
    """The footer of every reminder: where to change what you are sent."""
    return (f"You can change when you are reminded, or stop these e-mails, here: "
            f"{settings.SITE_URL}{reverse('reminders:preferences')}")
