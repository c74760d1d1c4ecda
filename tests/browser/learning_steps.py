"""Steps of a local child safeguarding practice review in a real browser: commissioned from its rapid review's
decision, run to publication, its recommendations' actions updated by the agencies and closed on the group's
sign-off, and its themes in the learning tracker.

The pages judge "today" from the server's clock (a date done or published cannot be in the future), so the
journey sets the live server's clock (`meeting_steps.ServerClock`) to the days the business team would live:
commissioning in January, quality assurance in May, publication at the end of June, the agencies' updates in
September and the group's sign-off in October. Everything else goes through the pages, by role and label as in
journey_steps; each step ends by checking what the page shows, and `Journey.check` runs axe on each page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from playwright.sync_api import Page, expect

from casereview.domain.clocks import format_date

from .conftest import SCREENSHOTS, screenshot
from .journey_steps import banner, menu
from .meeting_steps import LONDON, Journey

REFERENCE = "SIN-2026-003"
TITLE = f"Local child safeguarding practice review ({REFERENCE})"
METHOD = "SCIE Learning Together (systems)"
POLICE, LOCAL_AUTHORITY = "Northmoor Constabulary", "Northmoor Council Children's Services"
DECIDED = date(2026, 1, 9)  # the rapid review meeting's day, when the subgroup decided to hold the review
# Worked out by hand: 6 calendar months after Friday 9 January 2026 is Thursday 9 July 2026; 7 working days
# before a planned publication on Tuesday 30 June 2026 is Friday 19 June 2026.
PUBLICATION_DUE, PLANNED, ADVANCE_DUE, ADVANCE_SENT = (date(2026, 7, 9), date(2026, 6, 30), date(2026, 6, 19),
                                                        date(2026, 6, 18))
COMMISSIONING = datetime(2026, 1, 13, 9, 30, tzinfo=LONDON)
QA_DAY = datetime(2026, 5, 21, 14, 0, tzinfo=LONDON)
PUBLICATION_DAY = datetime(2026, 6, 30, 10, 0, tzinfo=LONDON)
UPDATE_DAY = datetime(2026, 9, 22, 11, 0, tzinfo=LONDON)
SIGN_OFF_DAY = datetime(2026, 10, 6, 15, 0, tzinfo=LONDON)
SCOPE = "The twelve months before Child A's injury: how agencies shared what they knew about domestic abuse."
TERMS = "Questions: what did each agency know, what did it share, and what got in the way? Reports to the subgroup."
REVIEWER, REVIEWER_ORG = "Dr Morwenna Achebe", "Independent safeguarding consultant (fictional)"
# (milestone, planned on): each is done on its planned day; quality assurance is on the QA day itself.
MILESTONES = (("Practitioner event", date(2026, 3, 12)), ("Family engagement", date(2026, 3, 26)),
              ("First draft", date(2026, 4, 23)), ("Quality assurance by the subgroup", QA_DAY.date()))
FINDINGS = ("Police call-outs for domestic abuse at the family home were not shared with health visiting.",
            "No interpreter was used when practitioners spoke with Child A's mother.")
RECOMMENDATIONS = ("The police share every domestic abuse call-out involving a child under five with health "
                   "visiting within one working day.",
                   "Children's social care makes interpreters the default when a parent's first language is not "
                   "English.")
THEMES = ("Information sharing", "Domestic abuse", "Non-accidental injury in babies")


@dataclass(frozen=True)
class ActionPlan:
    """An action set from a recommendation, and what its owner reports."""

    rec: int  # the recommendation's number
    title: str
    agency: str
    lead: str
    due: date
    progress: str
    impact: str
    evidence: str  # the name of the evidence file the owner attaches, or "" for none


POLICE_ACTION = ActionPlan(
    1, "Notify health visiting of domestic abuse call-outs within one working day", POLICE, "Priya Lindqvist",
    date(2026, 9, 30), "A daily notification to health visiting went live on 1 September; 41 sent so far.",
    "Health visitors saw 12 families sooner after a call-out, two with a baby under one.", "notification-audit.txt")
LA_ACTION = ActionPlan(
    2, "Make interpreters the default for parents whose first language is not English", LOCAL_AUTHORITY,
    "Ayla Brennan", date(2026, 10, 30), "The practice standard is changed and every team has been briefed.",
    "An audit of 20 visits found an interpreter used at every one where one was needed.", "")


def summary_value(page: Page, key: str, scope=None):
    """The value beside exactly `key` in a summary list (within `scope` if given)."""
    where = scope or page
    return where.locator(".govuk-summary-list__row").filter(has=page.locator(f"dt:text-is(\"{key}\")")).locator(
        ".govuk-summary-list__value")


def status_tag(page: Page):
    return page.locator("#record .govuk-tag").first


def row_of(table, page: Page, first_cell: str):
    """The table row whose first cell starts with `first_cell`."""
    return table.get_by_role("row").filter(has=page.get_by_role("cell", name=re.compile(f"^{re.escape(first_cell)}")))


def open_review(j: Journey) -> None:
    """Reviews → the practice review."""
    page = j.page
    menu(page).get_by_role("link", name="Reviews", exact=True).click()
    expect(j.heading()).to_have_text("Reviews")
    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(j.heading()).to_have_text(TITLE)


def move(j: Journey, button: str, status: str) -> None:
    j.page.locator("#record").get_by_role("button", name=button, exact=True).click()
    expect(banner(j.page)).to_contain_text("Status changed")
    expect(status_tag(j.page)).to_have_text(status)


# --- 1. Commissioned from the rapid review's decision -------------------------------------------------------

def commission(j: Journey) -> None:
    page = j.page
    menu(page).get_by_role("link", name="Rapid reviews").click()
    page.get_by_role("link", name=REFERENCE, exact=True).click()
    expect(j.heading()).to_have_text(f"Rapid review {REFERENCE}")
    expect(page.get_by_text("Status: Decided.")).to_be_visible()
    page.locator("#decision").get_by_role("button", name="Commission the practice review").click()
    expect(j.heading()).to_have_text("Commission the practice review")
    expect(page.get_by_text(f"The group decided on {format_date(DECIDED)} to hold a local child safeguarding "
                            f"practice review. It is to be completed and published within 6 months of the "
                            f"decision: by {format_date(PUBLICATION_DUE)}.")).to_be_visible()
    expect(page.get_by_label("Title", exact=True)).to_have_value(TITLE)
    expect(page.get_by_label("Case Review Subgroup", exact=True)).to_be_checked()
    expect(page.get_by_label("Methodology")).to_have_value(METHOD)
    page.get_by_label("Scope").fill(SCOPE)
    page.get_by_label("The review's own terms of reference (optional)").fill(TERMS)
    j.check("commission form")
    page.get_by_role("button", name="Commission the review").click()
    expect(banner(page)).to_contain_text("Practice review commissioned")
    expect(j.heading()).to_have_text(TITLE)
    expect(status_tag(page)).to_have_text("Commissioned")
    expect(page.get_by_text(f"Commissioned from the rapid review of {REFERENCE}.")).to_be_visible()
    for key, value in (("Overseen by", "Case Review Subgroup"), ("Decision to hold it", format_date(DECIDED)),
                       ("Scope", SCOPE), ("The review's terms of reference", TERMS), ("Methodology", METHOD)):
        expect(summary_value(page, key)).to_have_text(value)
    clocks = page.locator("#clocks")
    expect(summary_value(page, "Published within 6 months of the decision", clocks)).to_contain_text(
        re.compile(rf"Running\s+\d+ working days left — due {format_date(PUBLICATION_DUE)}"))
    expect(summary_value(page, "Final report to the Panel and the Secretary of State", clocks)).to_contain_text(
        "Set a planned publication date to start this clock")
    j.check("practice review: commissioned")


# --- 2. The reviewer, the milestones and the status ---------------------------------------------------------

def add_reviewer(j: Journey) -> None:
    page = j.page
    page.get_by_role("link", name="Add a reviewer").click()
    expect(j.heading()).to_have_text("Add a reviewer")
    page.get_by_label("Name", exact=True).fill(REVIEWER)
    page.get_by_label("Organisation (optional)").fill(REVIEWER_ORG)
    page.get_by_role("group", name="Is the reviewer independent of the agencies involved?").get_by_label(
        "Yes", exact=True).check()
    page.get_by_label("Independence statement").fill("No role in the case, or in any agency involved, since 2019.")
    j.check("add a reviewer")
    page.get_by_role("button", name="Add the reviewer").click()
    expect(banner(page)).to_contain_text("Reviewer added")
    row = row_of(page.get_by_role("table", name="Reviewers and their independence"), page, REVIEWER)
    expect(row).to_contain_text(REVIEWER_ORG)
    expect(row.get_by_role("cell").nth(1)).to_have_text("Yes")
    expect(page.get_by_text("Not independent of the agencies involved")).to_have_count(0)


def plan_milestones(j: Journey) -> None:
    page = j.page
    for label, planned in MILESTONES:
        page.get_by_role("link", name="Add a milestone").click()
        expect(j.heading()).to_have_text("Add a milestone")
        page.get_by_label(label, exact=True).check()
        page.get_by_label("Planned date").fill(planned.isoformat())
        if label == "Practitioner event":
            j.check("add a milestone")
        page.get_by_role("button", name="Add", exact=True).click()
        expect(banner(page)).to_contain_text("Milestone added")
    expect_milestones(page, done=False)


def expect_milestones(page: Page, *, done: bool) -> None:
    table = page.get_by_role("table", name="Milestones, in date order")
    expect(table.get_by_role("row")).to_have_count(len(MILESTONES) + 1)
    for label, planned in MILESTONES:
        cells = row_of(table, page, label).get_by_role("cell")
        expect(cells.nth(1)).to_have_text(format_date(planned))
        expect(cells.nth(2)).to_have_text(format_date(planned) if done else "Not yet")
    expect(page.get_by_text(re.compile(r"milestones? overdue"))).to_have_count(0)


def mark_milestones_done(j: Journey) -> None:
    """Each milestone is recorded done on the day it was planned for."""
    page = j.page
    for label, planned in MILESTONES:
        page.get_by_role("link", name=f"Change {label}", exact=True).click()
        expect(j.heading()).to_have_text(f"Change the milestone: {label}")
        page.get_by_label("Date done (leave blank until it is done)").fill(planned.isoformat())
        if label == "Quality assurance by the subgroup":
            j.check("change a milestone")
        page.get_by_role("button", name="Save changes").click()
        expect(banner(page)).to_contain_text("Milestone saved")
    expect_milestones(page, done=True)


def quality_assurance_refused(j: Journey) -> None:
    """Marking the review quality assured before the subgroup's QA milestone is done is refused, with why."""
    page = j.page
    expect(page.get_by_text("Marking it quality assured needs the quality assurance by the subgroup recorded as "
                            "done in the milestones.")).to_be_visible()
    page.locator("#record").get_by_role("button", name="Mark quality assured", exact=True).click()
    expect(j.heading()).to_have_text("Change the review's status")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Record the quality assurance by the subgroup as done (a milestone with the date it was done) before "
        "marking the review quality assured")
    j.check("change the status: refused")
    page.get_by_role("link", name="Back", exact=True).click()
    expect(status_tag(page)).to_have_text("In progress")


# --- 3. Findings, recommendations, themes and actions --------------------------------------------------------

def add_findings_and_recommendations(j: Journey) -> None:
    page = j.page
    for number, text in enumerate(FINDINGS, start=1):
        page.get_by_role("link", name="Add a finding").click()
        expect(j.heading()).to_have_text("Add a finding")
        page.get_by_label("Finding", exact=True).fill(text)
        if number == 1:
            j.check("add a finding")
        page.get_by_role("button", name="Add the finding").click()
        expect(banner(page)).to_contain_text("Finding added")
        expect(page.locator(f"#findings + ol > li:nth-child({number})")).to_contain_text(f"Finding {number}. {text}")
    for number, text in enumerate(RECOMMENDATIONS, start=1):
        page.get_by_role("link", name="Add a recommendation").click()
        expect(j.heading()).to_have_text("Add a recommendation")
        page.get_by_label("Recommendation", exact=True).fill(text)
        if number == 1:
            j.check("add a recommendation")
        page.get_by_role("button", name="Add the recommendation").click()
        expect(banner(page)).to_contain_text("Recommendation added")
        block = recommendation(page, number)
        expect(block).to_contain_text(text)
        expect(block).to_contain_text("No actions yet.")


def recommendation(page: Page, number: int):
    return page.locator("div[id^='recommendation-']").filter(
        has=page.get_by_role("heading", name=f"Recommendation {number}", exact=True))


def tag_themes(j: Journey) -> None:
    page = j.page
    page.get_by_role("link", name="Change the review's themes").click()
    expect(j.heading()).to_have_text("Themes")
    for theme in THEMES:
        page.get_by_label(theme, exact=True).check()
    expect(page.get_by_label("Local practice review", exact=True)).to_be_checked()
    expect(page.get_by_label("Year the learning is dated to")).to_have_value("2026")
    j.check("tag with themes")
    page.get_by_role("button", name="Save the themes").click()
    expect(banner(page)).to_contain_text("Themes saved")
    tags = page.locator("#themes ul.govuk-list > li")
    expect(tags).to_have_count(len(THEMES))
    for theme in THEMES:
        expect(tags.filter(has_text=theme)).to_contain_text("Local practice review, 2026")


def set_action(j: Journey, plan: ActionPlan) -> None:
    page = j.page
    page.get_by_role("link", name=f"Set an action from recommendation {plan.rec}", exact=True).click()
    expect(j.heading()).to_have_text(f"Set an action from recommendation {plan.rec}")
    expect(page.get_by_text(RECOMMENDATIONS[plan.rec - 1])).to_be_visible()
    page.get_by_label("Action", exact=True).fill(plan.title)
    page.get_by_label("Owning agency").select_option(label=plan.agency)
    page.get_by_label("Lead", exact=True).select_option(label=f"{plan.lead} ({plan.agency})")
    page.get_by_label("Due date").fill(plan.due.isoformat())
    page.get_by_label("Green", exact=True).check()
    if plan.rec == 1:
        j.check("set an action")
    page.get_by_role("button", name="Set the action").click()
    expect(banner(page)).to_contain_text("Action set")
    expect_action_row(page, plan, "Not started")


def expect_action_row(page: Page, plan: ActionPlan, status: str) -> None:
    """The recommendation's table of actions shows the action with its lead, agency, due date and status."""
    table = recommendation(page, plan.rec).get_by_role("table", name=f"Actions from recommendation {plan.rec}")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.get_by_role("cell")).to_have_text([plan.title, f"{plan.lead}{plan.agency}",  # a line break between
                                                   plan.due.strftime("%-d %B %Y"), status, "Green"])


def plan_publication(j: Journey) -> None:
    page = j.page
    page.get_by_role("link", name="Change the record").click()
    expect(j.heading()).to_have_text("Change the review's record")
    page.get_by_label("Planned publication date (optional)").fill(PLANNED.isoformat())
    j.check("change the record")
    page.get_by_role("button", name="Save changes").click()
    expect(banner(page)).to_contain_text("Review saved")
    expect(summary_value(page, "Planned publication")).to_have_text(format_date(PLANNED))
    expect(summary_value(page, "Final report to the Panel and the Secretary of State")).to_contain_text(
        f"working days left — due {format_date(ADVANCE_DUE)}")


# --- 4. The advance copy and publication --------------------------------------------------------------------

def record_advance_copy(j: Journey) -> None:
    page = j.page
    page.get_by_role("link", name="Record it sent").click()
    expect(j.heading()).to_have_text("Record the advance copy")
    expect(page.get_by_text(f"Due by {format_date(ADVANCE_DUE)}: 7 working days before the planned publication "
                            f"on {format_date(PLANNED)}.")).to_be_visible()
    page.get_by_label("Date the final report was sent to the Panel and the Secretary of State").fill(
        ADVANCE_SENT.isoformat())
    j.check("record the advance copy")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(banner(page)).to_contain_text("Advance copy recorded")
    expect(summary_value(page, "Final report to the Panel and the Secretary of State")).to_contain_text(
        f"Met on {format_date(ADVANCE_SENT)} (due {format_date(ADVANCE_DUE)})")


def publish(j: Journey, url: str) -> None:
    page = j.page
    page.get_by_role("button", name="Record publication").click()
    expect(j.heading()).to_have_text("Record publication")
    expect(page.locator(".govuk-warning-text")).to_have_count(0)  # quality assured, advance copy sent
    expect(page.get_by_label("Date published")).to_have_value(PUBLICATION_DAY.date().isoformat())
    expect(page.get_by_label("Pseudonyms used")).to_have_value("Child A")
    page.get_by_label("Where it is published").fill(url)
    j.check("record publication")
    page.get_by_role("button", name="Record publication").click()
    expect(banner(page)).to_contain_text("Publication recorded")
    expect(status_tag(page)).to_have_text("Published")
    expect(summary_value(page, "Published within 6 months of the decision")).to_contain_text(
        f"Met Met on {format_date(PUBLICATION_DAY.date())} (due {format_date(PUBLICATION_DUE)})")
    expect(summary_value(page, "Published at")).to_have_text(url)
    expect(summary_value(page, "Pseudonyms used")).to_have_text("Child A")
    expect(page.locator("#record").get_by_role("button")).to_have_count(0)  # nothing more to move
    expect(page.get_by_role("link", name="Record it sent")).to_have_count(0)


# --- 5 and 6. The agencies' updates and the group's sign-off ------------------------------------------------

def open_action(j: Journey, plan: ActionPlan) -> None:
    j.page.get_by_role("link", name=plan.title, exact=True).click()
    expect(j.heading()).to_have_text(plan.title)
    expect(summary_value(j.page, "Owner")).to_have_text(f"{plan.lead}, {plan.agency}")
    expect(summary_value(j.page, "Source")).to_have_text(f"Recommendation {plan.rec} of {TITLE}")


def post_update(j: Journey, plan: ActionPlan, files, shot: str = "") -> None:
    """Post a progress update that marks the action complete, with the impact seen and any evidence."""
    page = j.page
    page.get_by_role("link", name="Post a progress update").click()
    expect(j.heading()).to_have_text("Post a progress update")
    expect(page.get_by_text(f"Owned by {plan.lead}, {plan.agency}; due {format_date(plan.due)}.")).to_be_visible()
    page.get_by_label("Progress", exact=True).fill(plan.progress)
    page.get_by_label("Impact (optional)").fill(plan.impact)
    page.get_by_role("group", name="Status").get_by_label("Complete", exact=True).check()
    if files:
        page.get_by_label("Evidence (optional)").set_input_files(files)
    j.check(f"progress update: {plan.agency}")
    if shot:
        screenshot(page, shot)
    page.get_by_role("button", name="Post the update").click()
    expect(banner(page)).to_contain_text("Update posted")
    expect(summary_value(page, "Status")).to_have_text("Complete")
    update = page.locator("#updates + ol > li").first
    expect(update).to_contain_text("Status now: Complete")
    expect(update).to_contain_text(f"Progress: {plan.progress}")
    expect(update).to_contain_text(f"Impact: {plan.impact}")
    if plan.evidence:
        expect(update.get_by_role("link", name=plan.evidence)).to_be_visible()
    expect(page.get_by_text("Complete: waiting for the group's sign-off.")).to_be_visible()


def sign_off(j: Journey, plan: ActionPlan) -> None:
    page = j.page
    page.get_by_role("link", name="Record the group's sign-off").click()
    expect(j.heading()).to_have_text("Record the group's sign-off")
    page.get_by_label("Evidence accepted: sign off and close the action").check()
    page.get_by_label("Sign-off note").fill(f"The subgroup accepted the {plan.agency} evidence and the impact "
                                            "reported.")
    if plan is POLICE_ACTION:
        j.check("sign-off")
    page.get_by_role("button", name="Record the decision").click()
    expect(banner(page)).to_contain_text("The group's decision is recorded")
    expect(summary_value(page, "Status")).to_have_text("Closed")
    expect(summary_value(page, "Signed off")).to_have_text(f"{format_date(SIGN_OFF_DAY.date())}, recorded by "
                                                           "Bea Kowalczyk")
    expect(page.get_by_role("link", name="Post a progress update")).to_have_count(0)


def action_tracker_row(page: Page, plan: ActionPlan):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=plan.title, exact=True))


# --- 7. The learning tracker --------------------------------------------------------------------------------

TRACKER_TABLES = ("Reviews and recommendations under each theme", "Actions and evidence of impact under each theme")


def tracker_cells(page: Page, theme: str):
    """The counts beside `theme` in the tracker's two tables: reviews and recommendations, then actions and impact."""
    return page.locator("table").filter(has=page.locator("caption", has_text=re.compile(
        "|".join(TRACKER_TABLES)))).get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=re.compile(f"^{re.escape(theme)}"))).get_by_role("cell")


def expect_no_sideways_scroll(page: Page) -> None:
    """Nothing on the page is wider than the window (a wide table once made the whole page scroll sideways)."""
    width, window = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= window, f"{page.url} is {width}px wide in a {window}px window"


def section_screenshot(page: Page, name: str, top: str, bottom: str) -> None:
    """Save the part of the page from element `top` down to element `bottom` (a page section)."""
    box = page.evaluate("([top, bottom]) => { const a = document.querySelector(top).getBoundingClientRect();"
                        " const b = document.querySelector(bottom).getBoundingClientRect();"
                        " return {x: 0, y: a.top + window.scrollY - 20, width: document.documentElement.clientWidth,"
                        " height: b.top - a.top + 20}; }", [top, bottom])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True, clip=box)
