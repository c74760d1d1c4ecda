"""Steps of the rapid review journey in a real browser, each driving one page through its labels.

The locators are role and label ones on purpose: a field a step cannot find by its label is a field a
screen reader user cannot find either. Each step ends by checking what the page shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from playwright.sync_api import Page, expect

from casereview.domain.calendar import default_calendar
from casereview.domain.clocks import format_date
from casereview.reviews.criteria import CRITERIA

from .conftest import screenshot

POLICE, LOCAL_AUTHORITY = "Northmoor Constabulary", "Northmoor Council Children's Services"
INCIDENT, LA_AWARE, SENT_TO_PANEL, RECEIVED = (date(2025, 12, 15), date(2025, 12, 16), date(2025, 12, 18),
                                               date(2025, 12, 20))
MEETING_DAY, SIGNED_ON, SUBMITTED_ON = date(2026, 1, 9), date(2026, 1, 12), date(2026, 1, 13)
PANEL_MEETING, FEEDBACK_ON = date(2026, 1, 22), date(2026, 2, 3)
SIGNATORIES = (("Local authority", "Imogen Tate"), ("Police", "Marcus Achterberg"), ("Health", "Rowan Fairweather"))
CHRONOLOGY = (("2025-03-02", "Domestic abuse incident reported at the family home; officers attended."),
              ("2025-12-15", "Officers attended with the ambulance service after Child A was injured."))


@dataclass(frozen=True)
class Scenario:
    """One seed group's rules, and how its meeting and decision go in this journey."""

    group: str
    reference: str
    clock_start: date
    clock_event: str  # words the review page must use, in plain English, for the event that started the clock
    seats: dict[str, str]  # member's name -> "Present", "Sent apologies", "Absent", or their deputy's name
    outcome: str
    methodology: str = ""
    panel_clock: bool = False
    screenshots: bool = False
    milestones: dict[str, int] = field(default_factory=lambda: {"Agency summaries returned": 10,
                                                                "The group meets and decides": 12})

    def working_day(self, n: int) -> date:
        """Day n of the clock, counted on the bank holiday calendar (the demo partnership has no closures)."""
        return default_calendar().add_working_days(self.clock_start, n)

    def shot(self, page: Page, name: str) -> None:
        if self.screenshots:
            screenshot(page, name)


def menu(page: Page):
    return page.get_by_role("navigation", name="Menu")


def banner(page: Page):
    return page.get_by_role("alert")


def expect_review(page: Page, statuses: list[str]) -> None:
    """The review page shows the latest status, and its timeline lists every step so far, in order."""
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Rapid review SIN-"))
    expect(page.get_by_text(f"Status: {statuses[-1]}.")).to_be_visible()
    steps = page.locator("h2:has-text('Timeline') + ol").get_by_role("listitem")
    expect(steps).to_have_count(len(statuses))
    for number, status in enumerate(statuses):
        expect(steps.nth(number)).to_contain_text(f"{status} —")


def row(page: Page, first_cell: str):
    """The table row whose first cell is exactly `first_cell`."""
    return page.get_by_role("row").filter(has=page.get_by_role("cell", name=first_cell, exact=True))


def summary(page: Page, key: str):
    """The value beside `key` in a summary list of the review's decision section."""
    rows = page.locator("#decision .govuk-summary-list__row")
    return rows.filter(has=page.get_by_role("term").filter(has_text=re.compile(f"^{re.escape(key)}$"))).get_by_role(
        "definition")


def sign_out(page: Page) -> None:
    menu(page).get_by_role("button", name="Sign out").click()
    expect(page.get_by_label("Username")).to_be_visible()


# --- 1. The notification opens the review -------------------------------------------------------------

def record_notification(page: Page, sc: Scenario) -> None:
    menu(page).get_by_role("link", name="Notifications").click()
    page.get_by_role("link", name="Record a notification").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a serious incident notification")
    page.get_by_label("Group that runs the rapid review").select_option(label=sc.group)
    page.get_by_label("Notification reference").fill(sc.reference)
    page.get_by_label("Local authority that notified").fill("Northmoor Council")
    for label, day in (("Date of the incident", INCIDENT), ("Date the local authority became aware", LA_AWARE),
                       ("Date the notification was sent to the Panel", SENT_TO_PANEL),
                       ("Date the partnership received the notification", RECEIVED)):
        page.get_by_label(label, exact=True).fill(day.isoformat())
    page.get_by_label("Serious harm", exact=True).check()
    page.get_by_label("Physical abuse", exact=True).check()
    page.get_by_label("Brief summary of the incident").fill(
        "Child A, aged 3, was taken to hospital with unexplained injuries. Fictional case for testing.")
    _first_child(page)
    sc.shot(page, "notification-form")
    page.get_by_role("button", name="Record notification and open the rapid review").click()


def _first_child(page: Page) -> None:
    child = page.get_by_role("group", name="Child 1", exact=True)
    child.get_by_label("Pseudonym").fill("Child A")
    child.get_by_label("Age in years (optional)").fill("3")
    child.get_by_label("Female", exact=True).check()
    child.get_by_label("Ethnicity", exact=True).fill("White British")
    child.get_by_label("Child in need", exact=True).check()


def expect_clock(page: Page, sc: Scenario, due: date) -> None:
    """The banner and the review page give the due date; the milestones sit on the right working days."""
    expect(banner(page)).to_contain_text("Notification recorded. The rapid review is open")
    expect(banner(page)).to_contain_text(format_date(due))
    expect(page.get_by_text(f"Clock started {format_date(sc.clock_start)} (")).to_be_visible()
    expect(page.locator(".casereview-clock-panel")).to_contain_text(format_date(due))
    expect(row(page, "Rapid review submitted to the Panel")).to_contain_text(format_date(due))
    for label, day in sc.milestones.items():
        expect(row(page, label)).to_contain_text(format_date(sc.working_day(day)))
    expect_review(page, ["Notified"])
    sc.shot(page, "review-page")


# --- 2 and 3. Agencies are asked, and return ----------------------------------------------------------

def ask_agencies(page: Page, sc: Scenario, returns_due: date) -> None:
    page.get_by_role("link", name="Ask agencies for information").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask agencies for information")
    expect(page.get_by_text(f"use the review's returns milestone, {format_date(returns_due)}")).to_be_visible()
    for agency in (POLICE, LOCAL_AUTHORITY):
        page.get_by_label(agency, exact=True).check()
    page.get_by_role("button", name="Send requests").click()
    expect(banner(page)).to_contain_text("Agencies asked for information")
    for agency in (POLICE, LOCAL_AUTHORITY):
        expect(row(page, agency)).to_contain_text(format_date(returns_due))
    sc.shot(page, "agency-requests")


def police_return(page: Page, sc: Scenario) -> None:
    """The police contributor finds the request among their agency's and sends the return with a chronology."""
    menu(page).get_by_role("link", name="Your agency's requests").click()
    page.get_by_role("table", name="Requests made to your agency").get_by_role(
        "link", name=sc.reference, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Request to {POLICE}")
    page.get_by_role("link", name="Send your agency's return").click()
    page.get_by_label("Involvement began").fill("2025-03-02")
    page.get_by_label("Key contacts").fill("DS Priya Lindqvist, Public Protection (fictional)")
    page.get_by_label("Key practice episodes").fill("Two call-outs to the family home in 2025.")
    page.get_by_label("What went well").fill("A prompt referral to children's social care in March.")
    page.get_by_label("Concerns", exact=True).fill("The March incident was not shared with health visiting.")
    page.get_by_label("Immediate actions taken").fill("A safety plan for Child A's sibling.")
    page.get_by_label("Identity and diversity considerations").fill("The family's first language is Polish.")
    for number, (day, event) in enumerate(CHRONOLOGY, start=1):
        entry = page.get_by_role("group", name=f"Entry {number}", exact=True)
        entry.get_by_label("Date", exact=True).fill(day)
        entry.get_by_label("What happened").fill(event)
    page.get_by_label("Attachments (optional)").set_input_files(
        [{"name": "police-log.txt", "mimeType": "text/plain", "buffer": b"Fictional call log for Child A.\n"}])
    sc.shot(page, "agency-return")
    page.get_by_role("button", name="Submit the return").click()
    expect(banner(page)).to_contain_text("Return submitted")
    expect(page.get_by_role("heading", name="The return")).to_be_visible()
    expect(page.get_by_role("table", name="Chronology")).to_contain_text(CHRONOLOGY[1][1])
    expect(page.get_by_role("link", name="police-log.txt", exact=True)).to_be_visible()


def open_review_from_dashboard(page: Page, sc: Scenario) -> None:
    page.get_by_role("link", name=sc.reference, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Rapid review {sc.reference}")


def local_authority_nil_return(page: Page) -> None:
    """The business team records the local authority's nil return on its behalf, from the review page."""
    page.get_by_role("link", name=LOCAL_AUTHORITY, exact=True).click()
    page.get_by_role("link", name="Send your agency's return").click()
    page.get_by_label("Nil return: my agency had no involvement with the child or family").check()
    page.get_by_label("For a nil return, say briefly how you checked").fill(
        "Searched the case management system and the front door records: no contact.")
    page.get_by_role("button", name="Submit the return").click()
    expect(banner(page)).to_contain_text("Return submitted")
    expect(page.get_by_role("heading", name="Nil return")).to_be_visible()
    page.get_by_role("link", name="Back to the review").click()
    expect(row(page, POLICE)).to_contain_text("Returned")
    expect(row(page, LOCAL_AUTHORITY)).to_contain_text("Nil return")


# --- 4. Pack, meeting, decision, sign-off, submission, feedback, close --------------------------------

def next_step(page: Page, label: str, heading: str) -> None:
    """Press the business team's next-step button in the review's decision section."""
    page.locator("#decision").get_by_role("button", name=label, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def circulate_pack(page: Page) -> None:
    next_step(page, "Circulate the pack", "Circulate the pack")
    expect(page.get_by_role("link", name="Preview the pack (PDF)")).to_be_visible()
    page.get_by_role("button", name="Circulate the pack").click()
    expect(banner(page)).to_contain_text("Pack circulated")
    expect(page.locator("#decision")).to_contain_text(re.compile(r"Pack circulated .* to \d+ people"))


def record_meeting(page: Page, sc: Scenario) -> None:
    next_step(page, "Record the meeting", "Record the rapid review meeting")
    page.get_by_label("Date of the meeting").fill(MEETING_DAY.isoformat())
    page.get_by_label("Time it started").fill("10:00")
    page.get_by_label("Virtual", exact=True).check()
    page.get_by_label("Place or link (optional)").fill("Video call")
    for member, attended in sc.seats.items():
        seat = page.get_by_role("group", name=re.compile(f"^{re.escape(member)} — "))
        answers = seat.get_by_role("group", name=f"Did {member} attend?")
        if attended in ("Present", "Sent apologies", "Absent"):
            answers.get_by_label(attended, exact=True).check()
        else:
            answers.get_by_label("A deputy attended", exact=True).check()
            seat.get_by_label("If a deputy attended, who").select_option(label=attended)
    sc.shot(page, "meeting")
    page.get_by_role("button", name="Save the meeting").click()
    expect(banner(page)).to_contain_text("Meeting recorded")
    expect(summary(page, "Quorum")).to_have_text("Quorate")


def record_decision(page: Page, sc: Scenario) -> None:
    next_step(page, "Record the decision", "Record the decision")
    page.get_by_label("Immediate safeguarding action").fill("Child A's sibling is on a child protection plan.")
    page.get_by_label("Learning so far").fill("Information about domestic abuse was not shared with health.")
    page.get_by_label("Identity, race, ethnicity, culture and inequalities").fill(
        "No interpreter was used at the March visit.")
    for criterion in CRITERIA:
        legend = f"({criterion.key}) {criterion.label}" if len(criterion.key) == 1 else criterion.label
        answer = page.get_by_role("group", name=legend, exact=True)
        answer.get_by_label("Yes" if criterion.key == "c" else "No", exact=True).check()
        answer.get_by_label("Rationale").fill(f"Rationale for {criterion.name}, from the agencies' returns.")
    page.get_by_label(sc.outcome, exact=True).check()
    if sc.methodology:
        page.get_by_label("Methodology").select_option(label=sc.methodology)
    page.get_by_label("National review consideration").fill("No: the learning is local.")
    sc.shot(page, "decision")
    page.get_by_role("button", name="Save the decision").click()
    expect(banner(page)).to_contain_text("Decision recorded")
    outcome = f"{sc.outcome} ({sc.methodology})" if sc.methodology else sc.outcome
    expect(summary(page, "Outcome")).to_have_text(outcome)
    expect(summary(page, "Decided on")).to_have_text(format_date(MEETING_DAY))


def record_sign_offs(page: Page) -> None:
    for partner, name in SIGNATORIES:
        next_step(page, "Record sign-off", "Record a partner's sign-off")
        page.get_by_label(partner, exact=True).check()
        page.get_by_label("Name of the person who signed off").fill(name)
        page.get_by_label("Date signed off").fill(SIGNED_ON.isoformat())
        page.get_by_role("button", name="Save sign-off").click()
        expect(banner(page)).to_contain_text("Sign-off recorded")
        expect(summary(page, partner)).to_have_text(f"{name}, {format_date(SIGNED_ON)}")


def record_submission(page: Page, sc: Scenario, due: date) -> None:
    next_step(page, "Record submission", "Record the submission to the Panel")
    page.get_by_label("Date sent to the Panel").fill(SUBMITTED_ON.isoformat())
    page.get_by_label("Date of the Panel meeting that discusses it (optional)").fill(PANEL_MEETING.isoformat())
    page.get_by_role("button", name="Save the submission").click()
    expect(banner(page)).to_contain_text("Submission recorded")
    expect(page.locator(".casereview-clock-panel")).to_contain_text(
        f"Met on {format_date(SUBMITTED_ON)} (due {format_date(due)})")
    expected = summary(page, "Feedback expected")
    if sc.panel_clock:
        feedback_by = default_calendar().add_working_days(PANEL_MEETING, 10)
        expect(expected).to_have_text(f"By {format_date(feedback_by)} (an expected date, not a deadline)")
    else:
        expect(expected).to_contain_text("set no date for the Panel's feedback")


def record_feedback(page: Page) -> None:
    next_step(page, "Record Panel feedback", "Record the Panel's feedback")
    page.get_by_label("Agrees with the decision", exact=True).check()
    page.get_by_label("Date the feedback was received").fill(FEEDBACK_ON.isoformat())
    page.get_by_label("Summary of the feedback").fill("The Panel agrees with the decision and the methodology.")
    page.get_by_role("button", name="Save feedback").click()
    expect(banner(page)).to_contain_text("Panel feedback recorded")
    expect(page.locator("#decision")).to_contain_text(f"received {format_date(FEEDBACK_ON)}")


def share_and_close(page: Page, sc: Scenario, today: date) -> None:
    page.locator("#decision").get_by_role("button", name="Share feedback").click()
    expect(banner(page)).to_contain_text("Feedback shared with the group and the partners")
    expect(summary(page, "Shared")).to_have_text(format_date(today))
    page.locator("#decision").get_by_role("button", name="Close the review", exact=True).click()
    expect(banner(page)).to_contain_text("Review closed")
    expect(page.get_by_text(f"Closed on {format_date(today)}.")).to_be_visible()
    # Nothing is left to do on the rapid review itself; only the practice review may still be commissioned.
    expect(page.locator("#decision").get_by_role("button").filter(
        has_not_text="Commission the practice review")).to_have_count(0)
    sc.shot(page, "review-closed")
