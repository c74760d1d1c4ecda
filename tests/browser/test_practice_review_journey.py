"""In a real browser: a local child safeguarding practice review from the decision to publication, and its
recommendations to closed actions.

The Case Review Subgroup decided on Friday 9 January 2026, at its rapid review meeting, to hold a practice
review (set up through the services: the rapid review pages have their own journey). The business manager
commissions it from the rapid review page on Tuesday 13 January, with its 6-month publication clock due
Thursday 9 July; appoints an independent reviewer and plans the milestones. On Thursday 21 May the subgroup
quality assures the report: the findings, two recommendations with an action each (police; children's social
care) and the themes go in, and publication is planned for Tuesday 30 June. The advance copy goes to the Panel
and the Secretary of State on Thursday 18 June (due Friday 19 June, 7 working days before), and the report is
published on 30 June, inside its clock. On Tuesday 22 September the police contributor reports their action
complete with evidence (and cannot open the other agency's action); on Tuesday 6 October the business manager
records the local authority's update and the group's sign-off of both. The learning tracker then counts the
review, its recommendations, their closed actions and the impact reported under each theme.
"""

from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casereview.accounts.models import User
from casereview.actions.models import Action
from casereview.domain.calendar import default_calendar
from casereview.domain.clocks import format_date
from casereview.incidents.services import notification_record
from casereview.learning.review_clocks import advance_copy_due, publication_due
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Group
from tests.reviews.conftest import notification_data
from tests.reviews.decision.conftest import circulated, decided, met

from . import learning_steps as steps
from .conftest import screenshot
from .journey_steps import menu, sign_out
from .meeting_steps import Journey, ServerClock
from .test_rapid_review_journey import _sign_in_with_fresh_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLISHED_AT = "https://northmoor-safeguarding.example/reviews/child-a-2026"
# Learning pages with no record in their address, checked with axe once the journey has filled them.
LEARNING_PAGES = {"national recommendations to assess": ("/learning/recommendations/national/",
                                                         "National recommendations to assess"),
                  "import a spreadsheet": ("/learning/imports/", "Import a spreadsheet")}


@pytest.fixture
def media(settings, tmp_path):
    """Evidence files go to a temporary folder, never the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_by_hand_dates_agree_with_the_clocks():
    """The dates the journey expects, worked out by hand, are the clocks' own."""
    calendar = default_calendar()
    assert publication_due(steps.DECIDED, calendar) == steps.PUBLICATION_DUE
    assert advance_copy_due(steps.PLANNED, 7, calendar) == steps.ADVANCE_DUE
    assert steps.ADVANCE_SENT < steps.ADVANCE_DUE < steps.PLANNED == steps.PUBLICATION_DAY.date()
    assert steps.PUBLICATION_DAY.date() < steps.PUBLICATION_DUE


def _decided_rapid_review():
    """The subgroup's rapid review of SIN-2026-003, decided at its meeting: hold a practice review."""
    demo = {"admin": User.objects.get(username="business.manager"),
            "subgroup": Group.objects.get(name="Case Review Subgroup"),
            "rapid": Group.objects.get(name="Rapid Review Group")}
    review = met(demo, circulated(demo, group="subgroup", reference=steps.REFERENCE))
    review = decided(demo, review, methodology=steps.METHOD)
    assert (review.decision.outcome, review.decision.decided_on) == ("lcspr", steps.DECIDED)
    return demo


def test_practice_review_from_decision_to_publication_and_closed_actions(live_server, page, media, monkeypatch,
                                                                         tmp_path):
    """Commission, reviewer, milestones, quality assurance, findings, recommendations, themes, actions, advance
    copy, publication; the police contributor's update and evidence; the group's sign-off; the tracker."""
    clock = ServerClock(monkeypatch, steps.COMMISSIONING)
    load_demo()
    demo = _decided_rapid_review()
    j = Journey(page=page, base=live_server.url, tmp=tmp_path)

    # 1 and 2. January: commission the review from the rapid review page; the reviewer and the milestones.
    _sign_in_with_fresh_code(page, j.base, "business.manager")
    steps.commission(j)
    steps.add_reviewer(j)
    steps.plan_milestones(j)
    steps.move(j, "Start the review", "In progress")
    steps.quality_assurance_refused(j)
    sign_out(page)

    # 2 and 3. May: the milestones are done and the subgroup quality assures the report; its learning goes in.
    clock.set(steps.QA_DAY)
    _sign_in_with_fresh_code(page, j.base, "business.manager")
    dashboard_row = page.get_by_role("table", name="Open local child safeguarding practice reviews, soonest due first"
                                     ).get_by_role("row").filter(has_text=steps.TITLE)
    expect(dashboard_row).to_contain_text(f"due {format_date(steps.PUBLICATION_DUE)}")
    steps.open_review(j)
    steps.mark_milestones_done(j)
    steps.move(j, "Mark quality assured", "Quality assured")
    steps.add_findings_and_recommendations(j)
    steps.tag_themes(j)
    for plan in (steps.POLICE_ACTION, steps.LA_ACTION):
        steps.set_action(j, plan)
    steps.plan_publication(j)
    sign_out(page)

    # 4. June: the advance copy went to the Panel and the Secretary of State on the 18th; published on the 30th.
    clock.set(steps.PUBLICATION_DAY)
    _sign_in_with_fresh_code(page, j.base, "business.manager")
    steps.open_review(j)
    steps.record_advance_copy(j)
    steps.publish(j, PUBLISHED_AT)
    steps.expect_no_sideways_scroll(page)
    screenshot(page, "practice-review")
    j.check("practice review: published")
    page.get_by_role("link", name="All reviews").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=steps.TITLE, exact=True))
    expect(row.get_by_role("cell")).to_have_text([
        f"{steps.TITLE}Local child safeguarding practice review — LCSPR {steps.REFERENCE}", "Published", "2026",
        f"Met Met on {format_date(steps.PUBLICATION_DAY.date())} (due {format_date(steps.PUBLICATION_DUE)})"])
    screenshot(page, "review-list")
    j.check("review list")
    sign_out(page)

    # 5. September: the police contributor reports their agency's action complete, with evidence.
    clock.set(steps.UPDATE_DAY)
    _sign_in_with_fresh_code(page, j.base, "contributor")
    _contributor_updates(j)
    sign_out(page)

    # 6. October: the local authority's update, and the group's sign-off of both actions.
    clock.set(steps.SIGN_OFF_DAY)
    _sign_in_with_fresh_code(page, j.base, "business.manager")
    _sign_off_both(j)

    # 7. The learning tracker, its pages, and the review among the similar ones for a new case.
    _tracker(j)
    _learning_pages(j)
    _similar_for_a_new_case(j, demo)

    assert j.axe == {}, "axe found WCAG 2.2 A/AA violations:\n" + "\n".join(
        f"{name}: {violation}" for name, found in j.axe.items() for violation in found)


def _contributor_updates(j) -> None:
    """Only the police action is listed; the update marks it complete; the other agency's action is a 404."""
    page, plan = j.page, steps.POLICE_ACTION
    menu(page).get_by_role("link", name="Your agency's actions").click()
    expect(j.heading()).to_have_text("Actions")
    expect(page.get_by_role("table", name="1 action")).to_be_visible()
    row = steps.action_tracker_row(page, plan)
    expect(row).to_contain_text("Not started")
    expect(row).to_contain_text(f"Recommendation 1 of {steps.TITLE}")
    expect(page.get_by_role("link", name=steps.LA_ACTION.title)).to_have_count(0)
    j.check("actions: contributor")
    steps.open_action(j, plan)
    expect(page.get_by_role("link", name="Record the group's sign-off")).to_have_count(0)
    j.check("action: contributor")
    steps.post_update(j, plan, [{"name": plan.evidence, "mimeType": "text/plain",
                                 "buffer": b"Fictional audit: 41 notifications sent to health visiting.\n"}],
                      shot="action-update")
    expect(page.get_by_role("link", name="Record the group's sign-off")).to_have_count(0)
    other = Action.objects.get(title=steps.LA_ACTION.title)
    for path in (f"/actions/{other.pk}/", f"/actions/{other.pk}/progress/"):
        response = page.goto(f"{j.base}{path}")
        assert response.status == 404, f"{path} answered {response.status} to the police contributor"


def _sign_off_both(j) -> None:
    """The local authority's update through the business team, then both sign-offs; the tracker and the
    review's recommendations show the actions closed."""
    page = j.page
    menu(page).get_by_role("link", name="Actions", exact=True).click()
    expect(steps.action_tracker_row(page, steps.POLICE_ACTION)).to_contain_text("Complete")
    expect(steps.action_tracker_row(page, steps.LA_ACTION)).to_contain_text("Not started")
    steps.open_action(j, steps.LA_ACTION)
    steps.post_update(j, steps.LA_ACTION, [])
    steps.sign_off(j, steps.LA_ACTION)
    page.get_by_role("link", name="All actions").click()
    steps.open_action(j, steps.POLICE_ACTION)
    expect(page.get_by_role("link", name=steps.POLICE_ACTION.evidence)).to_be_visible()
    steps.sign_off(j, steps.POLICE_ACTION)
    j.check("action: closed")
    page.get_by_role("link", name="All actions").click()
    for plan in (steps.POLICE_ACTION, steps.LA_ACTION):
        expect(steps.action_tracker_row(page, plan).get_by_role("cell").nth(3)).to_have_text("Closed")
    j.check("actions: closed")
    steps.open_review(j)
    for plan in (steps.POLICE_ACTION, steps.LA_ACTION):
        steps.expect_action_row(page, plan, "Closed")
    steps.section_screenshot(page, "recommendations", "#findings", "#themes")


def _tracker(j) -> None:
    """The tagged themes count the review, its 2 recommendations, their 2 closed actions and 2 updates with
    impact; the shared view suppresses them; the downloads work."""
    page = j.page
    menu(page).get_by_role("link", name="Learning").click()
    expect(j.heading()).to_have_text("Learning tracker")
    for theme in steps.THEMES:
        expect(steps.tracker_cells(page, theme)).to_have_text(
            ["1", "0", "0", "2", "0", "0", "0", "0", "2", f"2 updates with evidence of impact on {theme}"])
    expect(steps.tracker_cells(page, "Neglect")).to_have_text(["0"] * 10)
    steps.expect_no_sideways_scroll(page)
    screenshot(page, "learning-tracker")
    j.check("learning tracker")
    downloads = {}
    for name, kind in (("Download the tracker as a spreadsheet (CSV, counts of 1 or 2 suppressed)", "text/csv"),
                       ("Download the tracker as Excel (counts of 1 or 2 suppressed)", "spreadsheetml")):
        response = page.request.get(j.base + page.get_by_role("link", name=name).get_attribute("href"))
        assert response.status == 200 and kind in response.headers["content-type"], (name, response.status)
        downloads[kind] = response
    info = next(line for line in downloads["text/csv"].text().splitlines() if "Information sharing" in line)
    assert info.count("[c]") == 4, info  # 1 review, 2 recommendations, 2 closed, 2 with impact; never exact
    counts = page.get_by_role("table", name=steps.TRACKER_TABLES[0])
    counts.get_by_role("link", name="Domestic abuse", exact=True).click()
    expect(page.get_by_role("heading", level=2, name="Domestic abuse")).to_be_visible()
    expect(page.get_by_role("link", name=steps.TITLE, exact=True)).to_be_visible()
    impact = page.locator("#impact + ul > li")
    expect(impact).to_have_count(2)
    for plan in (steps.POLICE_ACTION, steps.LA_ACTION):
        expect(impact.filter(has_text=plan.title)).to_contain_text(plan.impact)
    j.check("learning tracker: a theme")
    page.get_by_role("link", name="Clear the filters").click()
    page.get_by_role("link", name="See the page as it would be shared").click()
    expect(steps.tracker_cells(page, "Information sharing")).to_have_text(
        ["[c]", "0", "0", "[c]", "0", "0", "0", "0", "[c]", "[c]"])
    expect(page.get_by_role("heading", level=2, name="Information sharing")).to_have_count(0)  # no record lists
    j.check("learning tracker: shared")


def _learning_pages(j) -> None:
    page = j.page
    page.get_by_role("link", name="Themes and their versions").click()
    expect(j.heading()).to_have_text("Themes")
    j.check("themes")
    page.go_back()
    page.get_by_role("link", name="Identity and disproportionality").click()
    expect(j.heading()).to_have_text("Identity and disproportionality")
    screenshot(page, "identity")
    j.check("identity")
    for name, (path, heading) in LEARNING_PAGES.items():
        response = page.goto(f"{j.base}{path}")
        assert response.status == 200, f"{path} answered {response.status}"
        expect(j.heading()).to_have_text(heading)
        j.check(name)


def _similar_for_a_new_case(j, demo) -> None:
    """A new notification about domestic abuse and an injured baby: its rapid review lists the practice review."""
    new = notification_record(actor=demo["admin"], group=demo["subgroup"], children=[{
        "pseudonym": "Child B", "age_years": 0, "sex": "male", "ethnicity": "Not known", "legal_status": "not_known",
        "in_main_list": True}], notification=notification_data(
        reference="SIN-2026-019", incident_date=date(2026, 9, 28), la_aware_date=date(2026, 9, 29),
        sin_submitted_date=date(2026, 9, 30), received_date=date(2026, 10, 1), harm_types=["non_accidental_injury"],
        summary="A baby was injured at home after police call-outs for domestic abuse that were not shared with "
                "health visiting. Fictional case for testing."))
    assert timezone.localdate() == steps.SIGN_OFF_DAY.date()
    j.page.goto(f"{j.base}/reviews/{new.rapid_review.pk}/")
    expect(j.heading()).to_have_text("Rapid review SIN-2026-019")
    similar = j.page.get_by_role("region", name="Similar earlier reviews")
    card = similar.locator(".govuk-summary-card").first
    expect(card.get_by_role("heading", level=3)).to_have_text(steps.TITLE)
    expect(card).to_contain_text("Local")
    expect(card).to_contain_text("0 open, 2 complete or closed")
    j.check("rapid review: similar reviews")
