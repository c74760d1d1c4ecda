"""The chairs' quarterly update to the SLG, as sections shown on the page and written to DOCX and PDF.

Both formats come from one list of sections (the blocks and renderers of the rapid review submission), so
they always carry the same headings and figures. Cases appear by reference only, never a child's details.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.clocks import format_date
from casereview.domain.governance_lifecycle import ACTION
from casereview.reviews.pack import render_pdf
from casereview.reviews.submission_documents import Block, sections_docx

from .access import can_read_meetings
from .report_selectors import AttendanceReport, QuarterlyUpdate

HEADINGS = (
    "About this update", "Rapid reviews", "Panel feedback", "Practice reviews", "Overdue actions", "Attendance",
    "Escalations", "Task-and-finish groups",
)
NONE_IN_QUARTER = "None in the quarter."
NO_PRACTICE_REVIEWS = ("No practice reviews recorded: local child safeguarding practice reviews are not yet tracked "
                       "in this service.")
AGENCY_HEADERS = ("Agency", "Seats", "Meetings expected", "Attended", "By a deputy", "Missed", "Represented",
                  "Other attendances")
MEMBER_HEADERS = ("Member", "Agency", "Meetings expected", "Attended", "By a deputy", "Missed", "Attended in person")


def _percent(value: int | None) -> str:
    return "—" if value is None else f"{value}%"


def _about(u: QuarterlyUpdate) -> list[Block]:
    r = u.reporting
    line = "Not set by the terms of reference"
    if r is not None:
        cadence = f", {r.cadence.value.replace('_', ' ')}" if r.cadence else ""
        line = f"The {r.by.value.replace('_', ' ')} report to the {r.body}{cadence}"
    due = format_date(u.slg_due) if u.slg_due else "Not set by the terms of reference: they set no quarterly update"
    return [Block("facts", rows=(
        ("Partnership", u.group.partnership.name), ("Group", u.group.name), ("Quarter", u.label),
        ("Reporting line", line), ("Update due", due), ("Terms of reference review", u.tor.summary),
        ("Prepared on", format_date(u.today)),
    ))]


def _reviews(u: QuarterlyUpdate) -> list[Block]:
    blocks = [Block("facts", rows=(("Rapid reviews opened", str(len(u.reviews_opened))),
                                   ("Rapid reviews decided", str(len(u.decisions))),
                                   ("Sent to the Panel", str(len(u.submissions_sent)))))]
    if u.reviews_opened:
        blocks += [Block("h", "Opened"), Block("grid", headers=("Reference", "Notification received", "Due", "Status"),
                                               rows=tuple((r.notification.reference,
                                                           format_date(r.notification.received_date),
                                                           format_date(r.due_date), r.get_status_display())
                                                          for r in u.reviews_opened))]
    if u.decisions:
        blocks += [Block("h", "Decided"), Block("grid", headers=("Reference", "Decided on", "Outcome", "Ratification"),
                                                rows=tuple((d.rapid_review.notification.reference,
                                                            format_date(d.decided_on), d.get_outcome_display(),
                                                            "Needs ratification" if d.needs_ratification else "—")
                                                           for d in u.decisions))]
    return blocks


def _feedback(u: QuarterlyUpdate) -> list[Block]:
    blocks = [Block("facts", rows=(("Panel feedback received", str(len(u.feedback))),))]
    if u.feedback:
        blocks.append(Block("grid", headers=("Reference", "Received on", "What the Panel said"), rows=tuple(
            (s.rapid_review.notification.reference, format_date(s.feedback_received_on),
             s.get_feedback_outcome_display() or "Not recorded") for s in u.feedback)))
    return blocks


def _practice(u: QuarterlyUpdate) -> list[Block]:
    refs = ", ".join(d.rapid_review.notification.reference for d in u.lcspr_decisions)
    in_quarter = f"{len(u.lcspr_decisions)} ({refs})" if refs else "0"
    return [Block("p", NO_PRACTICE_REVIEWS), Block("facts", rows=(
        ("Decisions to hold a practice review in the quarter", in_quarter),
        ("Decisions to hold a practice review to the end of the quarter", str(u.lcspr_total)),
    ))]


def _actions(u: QuarterlyUpdate) -> list[Block]:
    blocks = [Block("facts", rows=((f"Overdue at {format_date(u.end)}", str(len(u.overdue_actions))),))]
    if u.overdue_actions:
        blocks.append(Block("grid", headers=("Action", "Agency", "Owner", "Due", "Status now"), rows=tuple(
            (a.title, a.agency.name, a.owner.full_name, format_date(a.due_date), ACTION.label(a.status))
            for a in u.overdue_actions)))
    return blocks


def attendance_blocks(report: AttendanceReport) -> list[Block]:
    """The attendance summary: meetings held, then by agency and by member."""
    t = report.totals
    blocks = [Block("facts", rows=(
        ("Meetings held", str(len(report.meetings))), ("Quorate", str(report.quorate)),
        ("Not quorate", str(report.inquorate)), ("Seats represented", _percent(t.represented_rate)),
    ))]
    if not report.meetings:
        return blocks
    blocks += [Block("h", "By agency"), Block("grid", headers=AGENCY_HEADERS, rows=tuple(
        (a.name, str(a.seats), str(a.counts.expected), str(a.counts.attended), str(a.counts.deputised),
         str(a.counts.missed), _percent(a.counts.represented_rate), str(a.others)) for a in report.agencies))]
    members = [r for r in report.seats if not r.seat.co_opted and r.counts.expected]
    blocks += [Block("h", "By member"), Block("grid", headers=MEMBER_HEADERS, rows=tuple(
        (r.seat.person.full_name, r.seat.person.agency.name, str(r.counts.expected), str(r.counts.attended),
         str(r.counts.deputised), str(r.counts.missed), _percent(r.counts.rate)) for r in members))]
    return blocks


def _escalations(u: QuarterlyUpdate) -> list[Block]:
    blocks = [Block("facts", rows=(("Raised in the quarter", str(len(u.escalations_raised))),
                                   ("Resolved in the quarter", str(len(u.escalations_resolved))),
                                   (f"Open at {format_date(u.end)}", str(u.escalations_open))))]
    if u.escalations_raised or u.escalations_resolved:
        rows = {e.pk: e for e in [*u.escalations_raised, *u.escalations_resolved]}.values()
        blocks.append(Block("grid", headers=("Subject", "Raised with", "Raised on", "Decided on"), rows=tuple(
            (e.subject, e.body, format_date(e.raised_on), format_date(e.decided_on) if e.decided_on else "Open")
            for e in rows)))
    return blocks


def _task_groups(u: QuarterlyUpdate) -> list[Block]:
    if not u.task_groups:
        return [Block("p", NONE_IN_QUARTER)]
    return [Block("grid", headers=("Name", "Deadline", "Status now", "Reported back", "Overdue at quarter end"),
                  rows=tuple((tg.name, format_date(tg.deadline), tg.get_status_display(),
                              format_date(tg.reported_on) if tg.reported_on else "Not yet", "Yes" if late else "No")
                             for tg, late in u.task_groups))]


def quarterly_sections(update: QuarterlyUpdate) -> list[tuple[str, list[Block]]]:
    """The update's sections in order, each with at least one block."""
    bodies = [_about(update), _reviews(update), _feedback(update), _practice(update), _actions(update),
              attendance_blocks(update.attendance), _escalations(update), _task_groups(update)]
    return [(h, body or [Block("p", NONE_IN_QUARTER)]) for h, body in zip(HEADINGS, bodies, strict=True)]


def quarterly_title(update: QuarterlyUpdate) -> str:
    return f"{update.group.name}: chairs' update to the SLG, {update.label}"


def quarterly_docx(update: QuarterlyUpdate) -> bytes:
    """The update as an editable Word document (section headings use Word's Heading 1 style)."""
    return sections_docx(quarterly_title(update), f"OFFICIAL-SENSITIVE. {update.group.partnership.name}. "
                         "Cases are referred to by reference only.", quarterly_sections(update))


def quarterly_pdf(update: QuarterlyUpdate) -> bytes:
    """The same update as a PDF."""
    return render_pdf("meetings/reports/quarterly_pdf.html", {
        "title": quarterly_title(update), "update": update, "sections": quarterly_sections(update)})


def quarterly_filename(update: QuarterlyUpdate, kind: str) -> str:
    return f"slg-update-{slugify(update.group.name)}-{update.start:%Y}-q{(update.start.month - 1) // 3 + 1}.{kind}"


def quarterly_update_download(*, actor, update: QuarterlyUpdate, kind: str) -> bytes:
    """Return the update as "docx" or "pdf", recording the export in the audit trail."""
    if not can_read_meetings(actor, update.group.partnership):
        raise PermissionDenied("You cannot read this group's records.")
    data = quarterly_docx(update) if kind == "docx" else quarterly_pdf(update)
    with transaction.atomic():
        audit_record(actor=actor, verb=Verb.EXPORTED, target=update.group, partnership=update.group.partnership,
                     changes={"document": [None, f"Chairs' update to the SLG, {update.label} ({kind.upper()})"]})
    return data
