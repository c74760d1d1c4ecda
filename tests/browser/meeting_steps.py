"""Steps of a business meeting of the Case Review Subgroup in a real browser, from agenda to approved minutes.

The meeting pages judge "today" from the server's clock: a meeting must be scheduled in the future, and can
be marked held only on or after its day. So the journey sets the live server's clock (`ServerClock`) to
fixed days, as the business manager would live them: planning two weeks ahead, the meeting day, and the
next meeting's day. Everything else goes through the pages, by role and label as in journey_steps.
Each step ends by checking what the page shows; `Journey.check` runs axe on every page visited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.utils import timezone
from playwright.sync_api import Page, expect

from casereview.domain.clocks import format_date

from .conftest import axe_violations, screenshot
from .journey_steps import banner, menu

LONDON = ZoneInfo("Europe/London")
GROUP = "Case Review Subgroup"
PLANNING = datetime(2026, 3, 3, 9, 0, tzinfo=LONDON)  # a Tuesday: the meeting is set up and its papers go out
FIRST = datetime(2026, 3, 17, 10, 0, tzinfo=LONDON)  # two weeks ahead (GMT)
SECOND = datetime(2026, 3, 31, 10, 0, tzinfo=LONDON)  # two weeks later, after the clocks go forward (BST)
AFTER_FIRST = datetime(2026, 3, 17, 12, 30, tzinfo=LONDON)
AFTER_SECOND = datetime(2026, 3, 31, 12, 30, tzinfo=LONDON)
# Worked out by hand: 5 working days before Tuesday 17 March is Tuesday 10 March; 3 weeks after it, 7 April.
PAPERS_DUE, MINUTES_DUE = date(2026, 3, 10), date(2026, 4, 7)
ACTION_DUE = date(2026, 5, 29)
FIRST_TITLE, SECOND_TITLE = "Spring business meeting", "Business meeting: approval of the spring minutes"
LINK = "https://meet.northmoor.example/case-review-subgroup"
MEMBERS = ("Ayla Brennan", "Devon Okafor", "Helena Strand", "Dr Farid Castellanos", "Grace Muldoon",
           "Oluwaseun Harte")
CHAIRS = ("Ayla Brennan", "Helena Strand")
CONFLICTED, ABSENT_MEMBER, DEPUTY = "Devon Okafor", "Helena Strand", "Kit Wynne-Jones"
HELENA_SEAT = "Helena Strand — Designated Nurse for Safeguarding Children"
ACTION_OWNER, ACTION_TITLE = "Ayla Brennan", "Share the learning briefing with every agency's safeguarding lead"


@dataclass(frozen=True)
class Item:
    title: str
    description: str
    owner: str  # as the owner list shows it: "Name, Agency"
    paper: str
    file: str
    restricted: bool = False
    needs_decision: bool = False
    discussion: str = ""
    decision: str = ""


OPEN_ITEM = Item(
    title="Quarterly audit of multi-agency referrals", description="Findings of the referrals audit.",
    owner="Dr Farid Castellanos, Northmoor and Eastbridge Integrated Care Board",
    paper="Referrals audit summary", file="referrals-audit.txt",
    discussion="The audit found referrals were timely; health visiting was not always told of police call-outs.")
RESTRICTED_ITEM = Item(
    title="Rapid review SIN-2026-014: decision on a learning review",
    description="Whether the case meets the criteria for a local child safeguarding practice review.",
    owner="Ayla Brennan, Northmoor Council Children's Services", paper="Rapid review summary (restricted)",
    file="rapid-review-summary.txt", restricted=True, needs_decision=True,
    discussion="Members considered the agencies' returns and the Panel's guidance.",
    decision="A learning event will be held instead of a local child safeguarding practice review.")
ITEMS = (OPEN_ITEM, RESTRICTED_ITEM)
INTEREST = "Line manager of the officer who attended the incident in this case (fictional)."


class ServerClock:
    """The live server's "now" (django.utils.timezone.now, which timezone.localdate() reads too), set to a
    chosen instant and ticking from there. The live server runs in this process, so it sees the change."""

    def __init__(self, monkeypatch, start: datetime):
        self._real = timezone.now
        self.set(start)
        monkeypatch.setattr(timezone, "now", self.now)

    def set(self, instant: datetime) -> None:
        self._offset = instant - self._real()

    def now(self) -> datetime:
        return self._real() + self._offset


@dataclass
class Journey:
    """The browser page, the live server's address, and the accessibility findings of each page visited."""

    page: Page
    base: str
    tmp: Path
    axe: dict[str, list[str]] = field(default_factory=dict)
    meetings: dict[str, str] = field(default_factory=dict)  # title -> the meeting page's address

    def check(self, name: str, page: Page | None = None) -> None:
        """Run axe on the page as it is now and keep anything found under `name`."""
        found = axe_violations(page or self.page)
        if found:
            self.axe[name] = found

    def heading(self, page: Page | None = None):
        return (page or self.page).get_by_role("heading", level=1)

    def open_meeting(self, title: str, page: Page | None = None) -> None:
        page = page or self.page
        page.goto(self.meetings[title])
        expect(self.heading(page)).to_have_text(title)


def invitation_row(page: Page, name: str):
    """The invitations table's row of `name` (their first cell starts with the name, then any tag and agency)."""
    return page.get_by_role("table", name="People invited").get_by_role("row").filter(
        has=page.get_by_role("cell", name=re.compile(f"^{re.escape(name)} ")))


def item_section(page: Page, number: int, item: Item):
    return page.locator("#agenda ~ div[id^='item-']").filter(
        has=page.get_by_role("heading", name=f"{number}. {item.title}", exact=True))


# --- 1. Schedule the meeting two weeks ahead ------------------------------------------------------------

def schedule(j: Journey, title: str, when: datetime) -> None:
    """Meetings → Schedule a meeting → the group → the form; the meeting page then lists the invitations."""
    page = j.page
    menu(page).get_by_role("link", name="Meetings").click()
    expect(j.heading()).to_have_text("Meetings")
    page.get_by_role("link", name="Schedule a meeting").click()
    expect(j.heading()).to_have_text("Schedule a meeting")
    j.check("schedule: choose the group")
    page.get_by_label(GROUP, exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text(f"Everyone on the {GROUP} on the day is invited by e-mail; its terms of reference "
                            "set quarterly business meetings.")).to_be_visible()
    page.get_by_label("Business", exact=True).check()
    page.get_by_label("Title (optional)").fill(title)
    page.get_by_label("Date of the meeting").fill(when.date().isoformat())
    page.get_by_label("Start time (UK time)").fill(when.strftime("%H:%M"))
    page.get_by_label("Virtual", exact=True).check()
    page.get_by_label("Joining link (for a virtual meeting)").fill(LINK)
    chairs = page.get_by_role("group", name="Who chairs the meeting?")
    for chair in CHAIRS:  # the co-chairs the memberships name are chosen for you
        expect(chairs.get_by_label(chair, exact=True)).to_be_checked()
    j.check("schedule: the form")
    page.get_by_role("button", name="Schedule the meeting").click()
    expect(banner(page)).to_contain_text("Meeting scheduled: the invitations are being sent")
    expect(j.heading()).to_have_text(title)
    j.meetings[title] = page.url.split("#")[0]
    expect(page.get_by_role("definition").filter(has_text=f"{format_date(when.date())}, 10am to midday")
           ).to_be_visible()  # both meetings start at 10am UK time, GMT or BST, for 2 hours
    expect(page.get_by_text(f"Chaired by {CHAIRS[0]} and {CHAIRS[1]}.")).to_be_visible()
    sent = format_date(timezone.localdate())
    for member in MEMBERS:
        row = invitation_row(page, member)
        expect(row).to_contain_text("Invited")
        expect(row).to_contain_text(f"{sent} at")  # the ICS invitation went by e-mail once it was saved
    expect(page.get_by_role("table", name="People invited").get_by_role("row")).to_have_count(len(MEMBERS) + 1)


def expect_papers_clock(page: Page, status: str) -> None:
    """The papers deadline, 5 working days before the meeting by the terms of reference, and its status."""
    clock = page.locator(".govuk-summary-list__row").filter(has=page.get_by_text("Papers deadline", exact=True))
    expect(clock).to_contain_text(f"Agenda and papers due by {format_date(PAPERS_DUE)}, 5 working days before "
                                  "the meeting")
    expect(clock).to_contain_text(status)


def send_apologies_with_deputy(j: Journey) -> None:
    """Helena Strand sends apologies; her named deputy is chosen for her, and is then invited."""
    page = j.page
    page.get_by_role("link", name=f"Send apologies for {ABSENT_MEMBER}").click()
    expect(j.heading()).to_have_text(f"Apologies from {ABSENT_MEMBER}")
    deputy = page.get_by_label("Who attends in their place? (optional)")
    expect(deputy.locator("option:checked")).to_contain_text(DEPUTY)  # the member's named deputy, preselected
    j.check("apologies")
    page.get_by_role("button", name="Record apologies").click()
    expect(banner(page)).to_contain_text("Apologies recorded")
    expect(invitation_row(page, ABSENT_MEMBER)).to_contain_text(f"Sent apologies; deputy: {DEPUTY}")
    expect(invitation_row(page, DEPUTY)).to_contain_text(f"Deputy for {ABSENT_MEMBER}")


# --- 2. The agenda and its papers -------------------------------------------------------------------------

def add_item(j: Journey, number: int, item: Item) -> None:
    page = j.page
    page.get_by_role("link", name="Add an agenda item").click()
    expect(j.heading()).to_have_text("Add an agenda item")
    page.get_by_label("Title", exact=True).fill(item.title)
    page.get_by_label("Description (optional)").fill(item.description)
    page.get_by_label("Owner (optional)").select_option(label=item.owner)
    if item.restricted:
        page.get_by_label("Restricted item").check()
    if item.needs_decision:
        page.get_by_label("The group must make a decision on this item").check()
    j.check("agenda item form")
    page.get_by_role("button", name="Add the item").click()
    expect(banner(page)).to_contain_text("Item added to the agenda")
    section = item_section(page, number, item)
    expect(section).to_contain_text(f"Owner: {item.owner.split(', ')[0]}")
    expect(section).to_contain_text("No papers.")
    if item.restricted:
        expect(section.get_by_text("Restricted", exact=True)).to_be_visible()
    if item.needs_decision:
        expect(section.get_by_text("Decision needed", exact=True)).to_be_visible()


def add_paper(j: Journey, number: int, item: Item) -> None:
    page = j.page
    path = j.tmp / item.file
    path.write_text(f"{item.paper}\n\nA fictional paper for the {GROUP}, for testing.\n", encoding="utf-8")
    page.get_by_role("link", name=f"Add a paper to item {number}").click()
    expect(j.heading()).to_have_text(f"Add a paper to item {number}")
    if item.restricted:
        expect(page.get_by_text("This item is restricted: its papers are not sent to anyone with a conflict "
                                "on it.")).to_be_visible()
    page.get_by_label("Title of the paper").fill(item.paper)
    page.get_by_label("File", exact=True).set_input_files(str(path))
    j.check("paper form")
    page.get_by_role("button", name="Upload the paper").click()
    expect(banner(page)).to_contain_text("Paper added")
    papers = page.get_by_role("table", name=f"Papers for item {number}")
    expect(papers.get_by_role("link", name=item.paper, exact=True)).to_be_visible()
    expect(papers).to_contain_text("Not yet")


# --- 3. A declaration of interest, made by the member themself ----------------------------------------------

def declare_conflict(j: Journey, member: Page) -> None:
    """The police member, signed in on their own, declares a conflict on the restricted item."""
    j.open_meeting(FIRST_TITLE, member)
    expect(member.get_by_text("The group's terms of reference require members to declare any conflict of "
                              "interest.")).to_be_visible()
    member.get_by_role("link", name="Declare an interest").click()
    expect(j.heading(member)).to_have_text("Declare an interest")
    expect(member.get_by_label("Who is declaring").locator("option:checked")).to_have_text(CONFLICTED)
    member.get_by_label("For", exact=True).select_option(label=f"Item 2: {RESTRICTED_ITEM.title} (restricted)")
    member.get_by_label("Professional", exact=True).check()
    member.get_by_label("The interest").fill(INTEREST)
    j.check("declare an interest", member)
    member.get_by_role("button", name="Record the declaration").click()
    expect(banner(member)).to_contain_text("Declaration recorded")
    expect(member.locator("#declarations ~ h3", has_text=f"Item 2: {RESTRICTED_ITEM.title}")).to_be_visible()
    expect(member.get_by_text(f"{CONFLICTED} (professional): {INTEREST}")).to_be_visible()
    excluded = f"Papers withheld from {CONFLICTED}; {CONFLICTED} takes no part in the decision."
    expect(member.locator("#declarations ~ p", has_text=excluded)).to_be_visible()
    expect(item_section(member, 2, RESTRICTED_ITEM)).to_contain_text(excluded)
    expect(item_section(member, 1, OPEN_ITEM)).not_to_contain_text("withheld")


# --- 4. Circulate the papers --------------------------------------------------------------------------------

def circulate(j: Journey) -> str:
    """Circulate; return the restricted paper's address (withheld from the conflicted member)."""
    page = j.page
    j.open_meeting(FIRST_TITLE)
    expect_papers_clock(page, "Not yet due 2 papers not yet circulated: 5 working days left")
    page.get_by_role("link", name="Circulate the agenda and papers").click()
    expect(j.heading()).to_have_text("Circulate the agenda and papers")
    plan = page.get_by_role("list").filter(has_text=f"{CONFLICTED}:")
    expect(plan).to_contain_text(f"{CONFLICTED}: 1 new paper; withheld (conflict declared): {RESTRICTED_ITEM.paper}")
    expect(plan).to_contain_text(f"{CHAIRS[0]}: 2 new papers")
    j.check("circulate")
    page.get_by_role("button", name="Circulate", exact=True).click()
    expect(banner(page)).to_contain_text("Agenda and papers circulated")
    expect_papers_clock(page, f"Circulated on {format_date(PLANNING.date())}, on time")
    restricted = page.get_by_role("table", name="Papers for item 2")
    expect(restricted).to_contain_text(f"Withheld from {CONFLICTED}: declared a conflict on this item")
    expect(restricted).to_contain_text(format_date(PLANNING.date()))
    expect(page.get_by_role("table", name="Papers for item 1")).not_to_contain_text("Withheld")
    return restricted.get_by_role("link", name=RESTRICTED_ITEM.paper, exact=True).get_attribute("href")


def member_sees_paper_withheld(j: Journey, member: Page, restricted_href: str) -> None:
    """The conflicted member sees the open paper, but not the restricted one, and cannot download it."""
    j.open_meeting(FIRST_TITLE, member)
    expect(member.get_by_role("table", name="Papers for item 1").get_by_role("link", name=OPEN_ITEM.paper, exact=True)
           ).to_be_visible()
    restricted = member.get_by_role("table", name="Papers for item 2")
    expect(restricted).to_contain_text(
        f"{RESTRICTED_ITEM.paper} (withheld from you: you declared a conflict on this item)")
    expect(restricted.get_by_role("link", name=RESTRICTED_ITEM.paper, exact=True)).to_have_count(0)
    assert member.request.get(f"{j.base}{restricted_href}").status == 404
    j.check("meeting page, as the conflicted member", member)


# --- 5. Meeting day: attendance, quorum, held ---------------------------------------------------------------

SEATS_AT_FIRST = {  # person -> the attendance chosen: health is there only through the deputy
    "Ayla Brennan": "Present", "Devon Okafor": "Present", "Helena Strand": "Apologies",
    "Kit Wynne-Jones": "Deputy attending for a member", "Dr Farid Castellanos": "Apologies",
    "Grace Muldoon": "Absent", "Oluwaseun Harte": "Present",
}
DEPUTY_STATUS = "Deputy attending for a member"


def record_attendance(j: Journey, seats: dict[str, str], *, shot: bool = False) -> None:
    """Fill the attendance, check the quorum without saving (first without the deputy, when there is one), save."""
    page = j.page
    page.get_by_role("link", name="Record attendance").click()
    expect(j.heading()).to_have_text("Attendance")
    expect(page.get_by_text("Quorate when")).to_be_visible()
    for person, status in seats.items():
        page.get_by_label(f"Attendance of {person}", exact=True).select_option(label=status)
    deputies = [person for person, status in seats.items() if status == DEPUTY_STATUS]
    for person in deputies:  # the deputy left out first: the verdict says what is short
        page.get_by_label(f"Attendance of {person}", exact=True).select_option(label="Absent")
    if deputies:
        _check_quorum(page, "Not quorate")
        expect(page.get_by_role("alert").or_(page.locator(".govuk-warning-text")).first).to_contain_text("health")
        for person in deputies:
            page.get_by_label(f"Attendance of {person}", exact=True).select_option(label=DEPUTY_STATUS)
            page.get_by_label(f"Member {person} attended for", exact=True).select_option(label=HELENA_SEAT)
    verdict = _check_quorum(page, "Quorate")
    for person in deputies:
        row = verdict.get_by_role("row", name=re.compile(f"^{re.escape(person)} "))
        expect(row).to_contain_text(f"Deputy attending for {ABSENT_MEMBER}")
        expect(row).to_contain_text("Counts")
    j.check("attendance: checked")
    page.get_by_role("button", name="Save attendance").click()
    expect(banner(page)).to_contain_text("Attendance saved. Quorate.")
    expect(page.get_by_role("heading", name="Quorum of the recorded attendance")).to_be_visible()
    if shot:
        screenshot(page, "meeting-attendance")
    j.check("attendance")
    page.get_by_role("link", name="Back to the meeting").click()


def _check_quorum(page: Page, verdict: str):
    """Press "Check quorum without saving"; the verdict shows, nothing is saved. Return the verdict's table."""
    page.get_by_role("button", name="Check quorum without saving").click()
    expect(page.get_by_text("Checked, not saved")).to_be_visible()
    table = page.get_by_role("table", name="How each person would count")
    expect(table.locator("xpath=..").get_by_text(verdict, exact=True)).to_be_visible()
    return table


def mark_held(j: Journey) -> None:
    page = j.page
    attendance = page.locator("#attendance ~ *")
    expect(page.get_by_role("table", name="Who attended, and how each person counts")).to_be_visible()
    expect(attendance.get_by_text("Quorate", exact=True).first).to_be_visible()
    page.get_by_role("button", name="Mark the meeting as held").click()
    expect(banner(page)).to_contain_text("Meeting marked held.")
    expect(page.get_by_text("The meeting was held and was quorate.")).to_be_visible()
    summary = page.locator(".govuk-summary-list__row").filter(has=page.get_by_text("Status", exact=True)).first
    expect(summary).to_contain_text("Held")


# --- 6. The minutes ------------------------------------------------------------------------------------------

CONFLICT_NOTE = (f"{CONFLICTED} declared an interest and took no part in the decision on this item. The item is "
                 f"restricted: its papers were withheld from {CONFLICTED}.")


def draft_minutes(j: Journey) -> None:
    page = j.page
    page.get_by_role("link", name="Start the minutes").click()
    expect(j.heading()).to_have_text("Draft the minutes")
    for number, item in enumerate(ITEMS, start=1):
        block = page.get_by_role("group", name=f"{number}. {item.title}", exact=True)
        block.get_by_label("Discussion").fill(item.discussion)
        if item.decision:
            block.get_by_label("Decision (if any)").fill(item.decision)
        if item.restricted:
            expect(block.get_by_text(CONFLICT_NOTE)).to_be_visible()
            action = block.get_by_role("group", name="Add an action")
            action.get_by_label("New action (optional)").fill(ACTION_TITLE)
            action.get_by_label("Owner").select_option(label=f"{ACTION_OWNER} (Northmoor Council Children's "
                                                             "Services)")
            action.get_by_label("Due date").fill(ACTION_DUE.isoformat())
        else:
            expect(block.locator(".govuk-inset-text")).to_have_count(0)
    screenshot(page, "meeting-minutes")
    j.check("minutes: draft")
    page.get_by_role("button", name="Save the minutes").click()
    expect(banner(page)).to_contain_text("Minutes saved")
    expect_minutes(page, "Draft")


def expect_minutes(page: Page, status: str) -> None:
    """The minutes section: each entry, the conflict note on the restricted item, and its action."""
    minutes = page.locator("#minutes ~ section")
    expect(minutes).to_have_count(len(ITEMS))
    for number, item in enumerate(ITEMS, start=1):
        entry = page.get_by_role("region", name=f"{number}. {item.title}", exact=True)
        expect(entry).to_contain_text(item.discussion)
        if item.restricted:
            expect(entry.locator(".govuk-inset-text")).to_have_text(CONFLICT_NOTE)
            expect(entry).to_contain_text(f"Decision: {item.decision}")
            action = entry.get_by_role("table", name="Actions").get_by_role("row").nth(1)
            expect(action).to_contain_text(ACTION_TITLE)
            expect(action).to_contain_text(ACTION_OWNER)
            expect(action).to_contain_text(ACTION_DUE.strftime("%-d %B %Y"))
        else:
            expect(entry.locator(".govuk-inset-text")).to_have_count(0)
    expect(page.get_by_text(f"Status: {status}")).to_be_visible()


# --- 7. Approval at the next meeting, and distribution ----------------------------------------------------

def approve_and_distribute(j: Journey) -> None:
    page = j.page
    j.open_meeting(FIRST_TITLE)
    page.get_by_role("link", name="Record approval").click()
    expect(j.heading()).to_have_text("Approve the minutes")
    expect(page.get_by_label(f"{format_date(SECOND.date())} (business meeting)")).to_be_checked()
    j.check("minutes: approve")
    page.get_by_role("button", name="Record the approval").click()
    expect(banner(page)).to_contain_text("Minutes approved")
    expect(page.get_by_text(f"Status: Approved — approved at the meeting on {format_date(SECOND.date())}.")
           ).to_be_visible()
    expect(page.get_by_role("link", name="Start the minutes")).to_have_count(0)
    expect(page.get_by_role("link", name="Edit the draft minutes")).to_have_count(0)
    page.get_by_role("button", name="Distribute the minutes").click()
    expect(banner(page)).to_contain_text("Minutes distributed: everyone invited has been e-mailed a link")
    expect(page.get_by_text(f"Status: Distributed — approved at the meeting on {format_date(SECOND.date())}; "
                            f"distributed on {format_date(SECOND.date())}.")).to_be_visible()
    expect(page.get_by_text(f"Met on {format_date(SECOND.date())} (due {format_date(MINUTES_DUE)})")).to_be_visible()
    expect_minutes(page, "Distributed")
    j.check("meeting page: minutes distributed")


def action_tracker(j: Journey) -> None:
    page = j.page
    menu(page).get_by_role("link", name="Actions").click()
    expect(j.heading()).to_have_text("Actions")
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=ACTION_TITLE))
    expect(row).to_contain_text(ACTION_OWNER)
    expect(row).to_contain_text(ACTION_DUE.strftime("%-d %B %Y"))
    expect(row).to_contain_text("Not started")
    expect(row).to_contain_text(f"{GROUP}, {FIRST.strftime('%-d %B %Y')}")
    screenshot(page, "action-tracker")
    j.check("actions")
    row.get_by_role("link", name=ACTION_TITLE).click()
    expect(j.heading()).to_have_text(ACTION_TITLE)
    j.check("action")
