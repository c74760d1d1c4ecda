"""Reminders about actions: to the lead and their agency's contributors, once when an action is due within
REMIND_DAYS_BEFORE days, and once when it is overdue. Run daily (`manage.py send_action_reminders`, from cron
until the background worker of the reminders issue schedules it).

Each reminder is recorded (ActionReminder, unique per action, kind and due date) in the same transaction as its
audit event and its outbox messages (keyed by action, kind and due date), so running twice sends nothing twice
and a crash loses nothing: the worker delivers the messages once the transaction commits. Messages name the
action and its due date and link to it; they carry no child's details."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.partnerships.models import Access, Role
from casereview.web.mail import notice_send

from .models import Action, ActionReminder
from .selectors import FINISHED

REMIND_DAYS_BEFORE = 7
SYSTEM = "action reminders"


@dataclass(frozen=True)
class Sent:
    action_id: int
    kind: str
    recipients: tuple[str, ...]


def action_reminders_send(*, today: date) -> list[Sent]:
    """Send every reminder due today that has not been sent; return what was sent."""
    open_actions = (Action.objects.exclude(status__in=FINISHED)
                    .filter(due_date__lte=today + timedelta(days=REMIND_DAYS_BEFORE))
                    .select_related("owner", "agency", "partnership"))
    already = set(ActionReminder.objects.filter(action__in=open_actions)
                  .values_list("action_id", "kind", "due_date"))
    contributors = _contributor_emails(open_actions)
    sent = []
    for action in open_actions:
        kind = "overdue" if action.due_date < today else "due_soon"
        if (action.pk, kind, action.due_date) in already:
            continue
        recipients = tuple(sorted({e for e in [action.owner.email, *contributors.get(action.agency_id, [])] if e}))
        if _record(action, kind, today, recipients):
            sent.append(Sent(action.pk, kind, recipients))
    return sent


def _contributor_emails(actions) -> dict[int, list[str]]:
    rows = Access.objects.filter(role=Role.AGENCY_CONTRIBUTOR, agency_id__in={a.agency_id for a in actions}) \
        .values_list("agency_id", "user__email")
    emails: dict[int, list[str]] = {}
    for agency_id, email in rows:
        emails.setdefault(agency_id, []).append(email)
    return emails


def _record(action, kind: str, today: date, recipients: tuple[str, ...]) -> bool:
    try:
        with transaction.atomic():
            ActionReminder.objects.create(action=action, kind=kind, due_date=action.due_date, sent_on=today,
                                          recipients=list(recipients))
            audit_record(actor=None, system=SYSTEM, verb=Verb.SENT, target=action, partnership=action.partnership,
                         changes={"reminder": [None, kind], "due_date": [None, action.due_date.isoformat()],
                                  "recipients": [None, list(recipients)]})
            _mail(action, kind, recipients)  # queued in this transaction; the worker sends it once it commits
    except IntegrityError:
        return False  # another run recorded it first: it is sent once, by that run
    return True


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
