"""Reminders about actions: to the lead and their agency's contributors, once when an action is due within
the person's chosen number of days (5 unless they chose otherwise on the "Reminders and digest" page), and once
when it is overdue; someone who switched a kind off is not sent it. Run daily by the deadline scan
(casereview.outbox.scheduler), or by hand with `manage.py send_action_reminders`.

Each reminder is recorded (ActionReminder, unique per action, kind and due date, listing who was sent it) in the
same transaction as its audit event and its outbox messages (keyed by action, kind, due date and address), so
running twice sends nothing twice and a crash loses nothing: the worker delivers the messages once the
transaction commits. People with different choices are reminded on different days: a later one is added to the
record. Messages name the action and its due date and link to it; they carry no child's details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.reminders import DAYS_BEFORE_MAX, DEFAULT, reminder_kind
from casereview.reminders.deadlines import agency_contributors, merged, person_recipient
from casereview.reminders.preferences import preferences_for
from casereview.web.mail import notice_send

from .models import Action, ActionReminder
from .selectors import FINISHED

SYSTEM = "action reminders"


@dataclass(frozen=True)
class Sent:
    action_id: int
    kind: str
    recipients: tuple[str, ...]


def action_reminders_send(*, today: date) -> list[Sent]:
    """Send every reminder due today that has not been sent; return what was sent."""
    open_actions = list(Action.objects.exclude(status__in=FINISHED)
                        .filter(due_date__lte=today + timedelta(days=DAYS_BEFORE_MAX))
                        .select_related("owner", "agency", "partnership"))
    contributors = agency_contributors(a.agency_id for a in open_actions)
    people = {a.pk: merged(person_recipient(a.owner), contributors[a.agency_id]) for a in open_actions}
    prefs = preferences_for(r.user_id for rs in people.values() for r in rs)
    already = {(r.action_id, r.kind, r.due_date): set(r.recipients)
               for r in ActionReminder.objects.filter(action__in=open_actions)}
    sent = []
    for action in open_actions:
        owed: dict[str, list[str]] = {}
        for person in people[action.pk]:
            kind = reminder_kind(due=action.due_date, today=today, done=False,
                                 preference=prefs.get(person.user_id, DEFAULT))
            if kind and person.email not in already.get((action.pk, kind, action.due_date), set()):
                owed.setdefault(kind, []).append(person.email)
        for kind, emails in owed.items():
            recipients = _record(action, kind, today, emails)
            if recipients:
                sent.append(Sent(action.pk, kind, recipients))
    return sent


def _record(action, kind: str, today: date, emails: list[str]) -> tuple[str, ...]:
    """Record and queue the reminder to those of `emails` not yet sent it; return them (empty: none left)."""
    try:
        with transaction.atomic():
            record = ActionReminder.objects.select_for_update().filter(action=action, kind=kind,
                                                                      due_date=action.due_date).first()
            if record is None:
                record = ActionReminder.objects.create(action=action, kind=kind, due_date=action.due_date,
                                                       sent_on=today, recipients=[])
            recipients = tuple(sorted(set(emails) - set(record.recipients)))
            if not recipients:
                return ()
            record.recipients = sorted({*record.recipients, *recipients})
            record.save(update_fields=["recipients"])
            audit_record(actor=None, system=SYSTEM, verb=Verb.SENT, target=action, partnership=action.partnership,
                         changes={"reminder": [None, kind], "due_date": [None, action.due_date.isoformat()],
                                  "recipients": [None, list(recipients)]})
            _mail(action, kind, recipients)  # queued in this transaction; the worker sends it once it commits
    except IntegrityError:
        return ()  # another run recorded it first: it is sent once, by that run
    return recipients


def _mail(action, kind: str, recipients: tuple[str, ...]) -> None:
    link = f"{settings.SITE_URL}{reverse('actions:detail', args=[action.pk])}"
    due = format_date(action.due_date)
    if kind == "overdue":
        subject, opening = f"Overdue action: {action.title}", f"This action was due on {due} and is not complete."
    else:
        subject, opening = f"Action due soon: {action.title}", f"This action is due on {due}."
    notice_send(subject=subject, recipients=recipients, about=f"the {kind} reminder for action {action.pk}",
                key=f"action-reminder:{action.pk}:{kind}:{action.due_date.isoformat()}",
                partnership=action.partnership,
                message=f"{opening}\n\nOwner: {action.owner.full_name} ({action.agency.name}).\n\n"
                        f"Post an update, or mark it complete, here: {link}")
