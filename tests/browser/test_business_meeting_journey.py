"""In a real browser: a business meeting of the Case Review Subgroup, from its agenda to approved minutes,
with a conflict of interest declared on a restricted item.

The business manager schedules the meeting on Tuesday 3 March 2026 for Tuesday 17 March (the papers clock,
5 working days before, says Tuesday 10 March), builds the agenda and uploads a paper to each item; the
police member declares a conflict on the restricted item, so its paper is withheld from him when the papers
go out. On the day, attendance is recorded with a deputy, the quorum verdict is checked and the meeting is
marked held; the minutes record the conflict and set an action. At the next meeting, on 31 March (after the
clocks go forward), the minutes are approved and distributed, inside their 3-week clock.
"""

import pytest
from django.core import mail
from playwright.sync_api import expect

from casereview.domain.calendar import default_calendar
from casereview.domain.clocks import format_date
from casereview.partnerships.demo import load_demo

from . import meeting_steps as steps
from .conftest import screenshot
from .test_rapid_review_journey import _sign_in_with_fresh_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Pages with no meeting in their address, checked with axe once the journey has filled them.
GOVERNANCE_PAGES = {"register of interests": "/meetings/interests/", "escalations": "/meetings/escalations/",
                    "raise an escalation": "/meetings/escalations/raise/",
                    "task-and-finish groups": "/meetings/task-groups/",
                    "set up a task-and-finish group": "/meetings/task-groups/new/",
                    "attendance report": "/meetings/reports/attendance/"}


@pytest.fixture
def media(settings, tmp_path):
    """Papers go to a temporary folder, never the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_by_hand_dates_agree_with_the_calendar():
    """The dates the journey expects, worked out by hand, are the working-day calendar's."""
    calendar = default_calendar()
    assert calendar.add_working_days(steps.FIRST.date(), -5) == steps.PAPERS_DUE
    assert calendar.add_working_days(steps.PLANNING.date(), 5) == steps.PAPERS_DUE  # 5 working days left
    assert steps.FIRST.utcoffset().total_seconds() == 0 and steps.SECOND.utcoffset().total_seconds() == 3600


def test_business_meeting_from_agenda_to_approved_minutes(live_server, browser, page, media, monkeypatch, tmp_path):
    """Schedule, agenda and papers, a declared conflict, circulation, attendance and quorum, held, minutes
    with an action, a second meeting that approves them, distribution, and the action tracker."""
    clock = steps.ServerClock(monkeypatch, steps.PLANNING)
    load_demo()
    j = steps.Journey(page=page, base=live_server.url, tmp=tmp_path)

    # 1. Two weeks ahead: schedule the meeting, apologies with a deputy, the agenda and its papers.
    _sign_in_with_fresh_code(page, j.base, "business.manager")
    steps.schedule(j, steps.FIRST_TITLE, steps.FIRST)
    steps.expect_papers_clock(page, "Not yet circulated: 5 working days left")
    steps.send_apologies_with_deputy(j)
    for number, item in enumerate(steps.ITEMS, start=1):
        steps.add_item(j, number, item)
        steps.add_paper(j, number, item)
    steps.expect_papers_clock(page, "2 papers not yet circulated: 5 working days left")

    # 2. The police member, on their own sign-in, declares a conflict on the restricted item.
    member_context = browser.new_context(viewport={"width": 1200, "height": 900})
    member = member_context.new_page()
    try:
        _sign_in_with_fresh_code(member, j.base, "member")
        steps.declare_conflict(j, member)

        # 3. The papers go out; the restricted paper is withheld from the conflicted member.
        restricted_href = steps.circulate(j)
        steps.member_sees_paper_withheld(j, member, restricted_href)
    finally:
        member_context.close()

    # 4. The meeting day: attendance with a deputy, the quorum verdict, held, the minutes with an action.
    clock.set(steps.AFTER_FIRST)
    _sign_in_with_fresh_code(page, j.base, "business.manager")  # the session of two weeks ago has ended
    j.open_meeting(steps.FIRST_TITLE)
    steps.record_attendance(j, steps.SEATS_AT_FIRST, shot=True)
    steps.mark_held(j)
    expect(page.get_by_text(f"13 working days left — due {format_date(steps.MINUTES_DUE)}")).to_be_visible()
    screenshot(page, "meeting-page")
    j.check("meeting page: held")
    steps.draft_minutes(j)

    # 5. The next meeting, scheduled that afternoon for two weeks later and held; it approves the minutes.
    steps.schedule(j, steps.SECOND_TITLE, steps.SECOND)
    page.get_by_role("link", name="All meetings").click()
    upcoming = page.get_by_role("table", name="Upcoming meetings")
    past = page.get_by_role("table", name="Past meetings")  # held today: no longer upcoming
    expect(past.get_by_role("row").filter(has_text=steps.FIRST_TITLE)).to_contain_text("Held")
    expect(upcoming.get_by_role("row").filter(has_text=steps.SECOND_TITLE)).to_contain_text("Scheduled")
    expect(page.get_by_role("heading", name="Proposed next business meetings")).to_be_visible()
    screenshot(page, "meeting-list")
    j.check("meeting list")

    clock.set(steps.AFTER_SECOND)
    _sign_in_with_fresh_code(page, j.base, "business.manager")
    j.open_meeting(steps.SECOND_TITLE)
    steps.record_attendance(j, {name: "Present" for name in steps.MEMBERS})
    steps.mark_held(j)
    mail.outbox.clear()
    steps.approve_and_distribute(j)
    subject = f"Minutes of the {steps.GROUP} meeting on {format_date(steps.FIRST.date())}"
    assert {m.subject for m in mail.outbox} == {subject}
    assert sorted(address for m in mail.outbox for address in m.to) == sorted(
        f"{key}@northmoor.example" for key in ("ayla", "member", "helena", "kit", "farid", "grace", "oluwaseun"))

    # 6. The action tracker, the governance pages and the chairs' quarterly update.
    steps.action_tracker(j)
    _governance_pages(j)

    assert j.axe == {}, "axe found WCAG 2.2 A/AA violations:\n" + "\n".join(
        f"{name}: {violation}" for name, found in j.axe.items() for violation in found)


def _governance_pages(j) -> None:
    """Governance, the chairs' quarterly update for the quarter of the two meetings, and the other pages."""
    page = j.page
    page.goto(f"{j.base}/meetings/governance/")
    expect(j.heading()).to_have_text("Governance")
    expect(page.locator(f"#group-{_group_pk()}")).to_contain_text("Update for January to March 2026")
    screenshot(page, "governance")
    j.check("governance")
    page.get_by_role("link", name="Chairs' quarterly update to the SLG").click()
    page.get_by_label("Group", exact=True).select_option(label=steps.GROUP)
    page.get_by_label("Quarter", exact=True).select_option(label="January to March 2026")
    page.get_by_role("button", name="Show the update").click()
    expect(page.get_by_role("heading", level=2, name=f"{steps.GROUP}: chairs' update to the SLG, January to "
                                                     "March 2026")).to_be_visible()
    expect(_summary_value(page, "Meetings held")).to_have_text("2")
    expect(_summary_value(page, "Quorate")).to_have_text("2")
    screenshot(page, "quarterly-update")
    j.check("quarterly update")
    pdf = page.request.get(j.base + page.get_by_role("link", name="Download the update (PDF)").get_attribute("href"))
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF"), pdf.status
    for name, path in GOVERNANCE_PAGES.items():
        response = page.goto(f"{j.base}{path}")
        assert response.status == 200, f"{path} answered {response.status}"
        j.check(name)


def _summary_value(page, key: str):
    """The value beside exactly `key` in a summary list."""
    return page.locator(".govuk-summary-list__row").filter(has=page.locator(f"dt:text-is('{key}')")).get_by_role(
        "definition")


def _group_pk() -> int:
    from casereview.partnerships.models import Group

    return Group.objects.get(name=steps.GROUP).pk
