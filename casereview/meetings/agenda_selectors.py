"""Reads for the agenda and papers: the agenda part of the meeting page, the papers clock, who received each
paper and who was withheld from it, and the papers a user may download."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from casereview.domain.calendar import WorkingDayCalendar
from casereview.domain.clocks import ClockDefinition, ClockState, ClockStatus, due_date, evaluate, format_date
from casereview.domain.governance import papers_clock, warns
from casereview.domain.governance_lifecycle import MeetingStatus, MinutesStatus
from casereview.partnerships.access import partnerships_for
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.models import Person
from casereview.partnerships.terms_selectors import parsed, terms_in_force

from .access import can_read_meetings
from .interests_selectors import withheld_from_item
from .models import AgendaItem, Meeting, Minutes, Paper, PaperCirculation
from .models.meeting import meeting_day  # noqa: F401  (re-exported for this module's users)

# The audit record of each circulation of a meeting's agenda (the agenda itself has no row of its own).
CIRCULATED_KEY = "agenda_circulated"
NOT_SET = "Not set by the group's terms of reference"
NO_TERMS = "No terms of reference were in force on the day of the meeting, so no papers deadline is set"



def agenda_closed_reason(meeting) -> str:
    """Why the agenda can no longer change, or "" while it can.

    The agenda is open while the meeting is scheduled, and after it is held until its minutes are approved
    (late items, tabled papers); a cancelled meeting's agenda is closed."""
    if meeting.status == MeetingStatus.CANCELLED:
        return "The meeting was cancelled, so its agenda cannot change"
    if meeting.status == MeetingStatus.HELD:
        status = Minutes.objects.filter(meeting=meeting).values_list("status", flat=True).first()
        if status in (MinutesStatus.APPROVED, MinutesStatus.DISTRIBUTED):
            return "The minutes of this meeting are approved, so its agenda cannot change"
    return ""


def item_get(meeting, item_pk) -> AgendaItem:
    """One item of this meeting's agenda, else Http404 (another meeting's item looks the same as none)."""
    item = AgendaItem.objects.filter(meeting=meeting, pk=item_pk).select_related("owner", "rapid_review").first()
    if item is None:
        raise Http404("No such agenda item.")
    return item


def user_person_ids(user) -> set[int]:
    """The people records linked to a user's sign-in."""
    if not user.is_authenticated:
        return set()
    return set(Person.objects.filter(user=user).values_list("pk", flat=True))


def paper_get(user, pk) -> Paper:
    """One paper the user may download, else Http404.

    Only readers of the meeting's partnership, and never a person withheld from it: someone whose linked
    person declared a conflict on the paper's item when that item is restricted."""
    paper = Paper.objects.select_related("item__meeting__partnership").filter(
        pk=pk, item__meeting__partnership__in=partnerships_for(user)).first()
    if paper is None or not can_read_meetings(user, paper.item.meeting.partnership):
        raise Http404("No such paper.")
    if paper.item.restricted and paper.item.declarations.filter(person__user=user).exists():
        raise Http404("No such paper.")
    return paper


def circulation_dates(meeting) -> list[date]:
    """The days the agenda or any of its papers went out, earliest first; empty until the agenda is circulated."""
    # Read from the database, not the object: a circulation may have happened since it was loaded.
    first = Meeting.objects.filter(pk=meeting.pk).values_list("agenda_circulated_at", flat=True).first()
    if first is None:
        return []
    sent = PaperCirculation.objects.filter(paper__item__meeting=meeting).values_list("sent_at", flat=True).distinct()
    return sorted({timezone.localdate(first), *(timezone.localdate(at) for at in sent)})


@dataclass(frozen=True)
class PapersClock:
    """The papers clock of one meeting as the page shows it."""

    headline: str
    due: date | None = None
    state: ClockState | None = None
    status: str = ""
    warning: str = ""
    tag: tuple[str, str] = ("", "")


def papers_rule(meeting) -> tuple[ClockDefinition | None, WorkingDayCalendar | None, str]:
    """The papers clock of the terms in force on the meeting date and the partnership's calendar, or
    (None, None, why there is none)."""
    version = terms_in_force(meeting.group, meeting_day(meeting))
    if version is None:
        return None, None, NO_TERMS
    defn = papers_clock(parsed(version))
    if defn is None:
        return None, None, NOT_SET
    return defn, partnership_calendar(meeting.partnership), ""


def papers_clock_for(meeting, today: date, *, circulated_on: date | None, outstanding: int,
                     rule=None) -> PapersClock:
    """Evaluate the papers clock for the meeting on `today`.

    It is met once the agenda has been circulated and no paper on it is waiting to be sent; `circulated_on`
    is then the day the last of them went out."""
    defn, calendar, why = rule or papers_rule(meeting)
    if defn is None:
        return PapersClock(why)
    completed = circulated_on if circulated_on and not outstanding and circulated_on <= today else None
    state = evaluate(defn, anchor=meeting_day(meeting), today=today, calendar=calendar, completed_on=completed)
    days = "1 working day" if defn.length == 1 else f"{defn.length} working days"
    headline = f"Agenda and papers due by {format_date(state.due)}, {days} before the meeting"
    return PapersClock(headline, state.due, state, *_clock_words(state, outstanding, meeting))


def _clock_words(state: ClockState, outstanding: int, meeting) -> tuple[str, str, tuple[str, str]]:
    """(status line, warning, (tag text, tag colour)) for a papers clock state."""
    s = state.status
    if s is ClockStatus.MET_ON_TIME:
        return f"Circulated on {format_date(state.completed_on)}, on time", "", ("On time", "green")
    if s is ClockStatus.MET_LATE:
        late = f"{state.overdue_by} working day{'s' if state.overdue_by != 1 else ''} late" if state.overdue_by \
            else "late"
        return f"Circulated on {format_date(state.completed_on)}, {late}", "", ("Late", "red")
    waiting = f"{outstanding} paper{'s' if outstanding != 1 else ''} not yet circulated" if outstanding \
        else "Not yet circulated"
    if meeting.status == MeetingStatus.CANCELLED:
        return "The meeting was cancelled", "", ("Cancelled", "grey")
    if s is ClockStatus.OVERDUE:
        return (f"{waiting}: overdue", f"The agenda and papers were due by {format_date(state.due)} and have not "
                "all been circulated", ("Overdue", "red"))
    if s is ClockStatus.DUE_TODAY:
        return f"{waiting}: due today", "The agenda and papers are due today", ("Due today", "orange")
    left = state.working_days_left or 0
    line = f"{waiting}: {left} working day{'s' if left != 1 else ''} left"
    if warns(state):
        return line, (f"The agenda and papers are due in {left} working day{'s' if left != 1 else ''} and have "
                      "not all been circulated"), ("Due soon", "yellow")
    return line, "", ("Not yet due", "blue")


def current_papers():
    """Papers that no later version replaces: the ones every list shows (earlier versions are reached from
    their paper's "Versions" list)."""
    return Paper.objects.filter(replaced_by__isnull=True)


@dataclass(frozen=True)
class VersionRow:
    """One version of a paper as its "Versions" list shows it, with whom that version was sent to."""

    paper: Paper
    received: list[PaperCirculation]
    current: bool

    @property
    def sha_short(self) -> str:
        return self.paper.sha256[:12]


@dataclass
class PaperRow:
    """One paper on the agenda (its current version): who received it and when, who was withheld and why,
    whether it is late, and every version of it, newest first."""

    paper: Paper
    received: list[PaperCirculation] = field(default_factory=list)
    withheld: list[Person] = field(default_factory=list)
    waiting: list[tuple[Person, str]] = field(default_factory=list)
    late: bool = False
    hidden_from_viewer: bool = False
    versions: list[VersionRow] = field(default_factory=list)


@dataclass
class ItemRow:
    item: AgendaItem
    papers: list[PaperRow]
    withheld: list[Person]
    first: bool = False
    last: bool = False
    circulated: bool = False


def invited_people(meeting) -> list[Person]:
    """Everyone invited to the meeting whose invitation has not been withdrawn."""
    return [inv.person for inv in meeting.invitations.filter(withdrawn=False).select_related("person")]


def agenda_rows(meeting, user, today: date, due: date | None) -> list[ItemRow]:
    """The agenda with its papers, in a fixed number of queries however many items and papers there are."""
    # Every version is fetched (with its circulations) so the chains are built here without more queries.
    items = list(meeting.items.select_related("owner", "rapid_review__notification").prefetch_related(
        Prefetch("papers", queryset=Paper.objects.select_related("uploaded_by").prefetch_related(
            Prefetch("circulations", queryset=PaperCirculation.objects.select_related("person"))))))
    withheld = withheld_from_item(meeting)
    invited = invited_people(meeting)
    mine = user_person_ids(user)
    rows = []
    for item in items:
        blocked = withheld.get(item.pk, [])
        papers = [_paper_row(chain, blocked, invited, mine, today, due) for chain in version_chains(item.papers.all())]
        rows.append(ItemRow(item, papers, blocked, circulated=any(p.paper.first_circulated_on for p in papers)))
    if rows:
        rows[0].first, rows[-1].last = True, True
    return rows


def version_chains(papers) -> list[list[Paper]]:
    """Group papers into their versions, each chain newest first, chains in the order of their first version."""
    by_previous = {p.replaces_id: p for p in papers if p.replaces_id}
    chains = []
    for first in (p for p in papers if p.replaces_id is None):
        chain = [first]
        while chain[-1].pk in by_previous:
            chain.append(by_previous[chain[-1].pk])
        chains.append(chain[::-1])
    return chains


def _paper_row(chain, blocked, invited, mine, today, due) -> PaperRow:
    paper = chain[0]
    received = list(paper.circulations.all())
    got = {c.person_id for c in received}
    had = {c.person_id: older.version for older in chain[:0:-1] for c in older.circulations.all()}
    blocked_ids = {p.pk for p in blocked}
    waiting = [(p, _waiting_reason(p, had.get(p.pk), paper.version))
               for p in invited if p.pk not in got and p.pk not in blocked_ids]
    sent = paper.first_circulated_on
    late = due is not None and ((sent is not None and sent > due) or (sent is None and today > due))
    versions = [VersionRow(v, list(v.circulations.all()), current=v is paper) for v in chain] \
        if len(chain) > 1 else []
    return PaperRow(paper, received, [p for p in blocked if p.pk not in got], waiting, late,
                    hidden_from_viewer=bool(blocked_ids & mine), versions=versions)


def _waiting_reason(person, had_version: int | None, version: int) -> str:
    if not person.email:
        return "No e-mail address"
    if had_version is not None:
        return f"Has version {had_version}; version {version} not sent yet"
    return "Not sent yet"


def agenda_part(meeting, user, today: date) -> dict:
    """The agenda part of the meeting page: items, papers, circulation and the papers clock."""
    closed = agenda_closed_reason(meeting)
    dates = circulation_dates(meeting)
    rule = papers_rule(meeting)
    due = due_date(rule[0], meeting_day(meeting), rule[1]) if rule[0] else None
    rows = agenda_rows(meeting, user, today, due)
    papers = [p.paper for row in rows for p in row.papers]
    outstanding = sum(1 for p in papers if p.first_circulated_on is None)
    done_on = max([dates[0], *(p.first_circulated_on for p in papers if p.first_circulated_on)]) if dates else None
    clock = papers_clock_for(meeting, today, circulated_on=done_on, outstanding=outstanding, rule=rule)
    return {
        "agenda_rows": rows, "agenda_closed_reason": closed, "agenda_open": not closed,
        "agenda_clock": clock, "agenda_circulated_on": dates,
        "agenda_late_count": sum(1 for row in rows for p in row.papers if p.late),
    }


@dataclass(frozen=True)
class Planned:
    """What a circulation would send: to each person, the papers not yet sent to them."""

    to_send: dict[Person, list[Paper]]
    withheld: dict[Person, list[Paper]]
    no_email: list[Person]


def circulation_plan(meeting) -> Planned:
    """Who would receive which papers if the agenda were circulated now, and who is withheld from which.

    Only current versions are sent; someone who had an earlier version is sent the current one."""
    invited = invited_people(meeting)
    withheld_ids = {item_id: {p.pk for p in people} for item_id, people in withheld_from_item(meeting).items()}
    papers = list(current_papers().filter(item__meeting=meeting).select_related("item").order_by("item__number", "pk"))
    sent = set(PaperCirculation.objects.filter(paper__in=papers).values_list("paper_id", "person_id"))
    to_send: dict[Person, list[Paper]] = {}
    withheld: dict[Person, list[Paper]] = {}
    for person in invited:
        if not person.email:
            continue
        to_send[person] = []
        for paper in papers:
            if person.pk in withheld_ids.get(paper.item_id, set()):
                withheld.setdefault(person, []).append(paper)
            elif (paper.pk, person.pk) not in sent:
                to_send[person].append(paper)
    return Planned(to_send, withheld, [p for p in invited if not p.email])
