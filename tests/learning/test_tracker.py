"""The learning tracker: counts per theme across local, rapid and national reviews, the response to national
recommendations, actions and impact; its filters, its suppressed export and its fixed number of queries."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casereview.actions.models import Action, ActionUpdate
from casereview.audit.models import AuditEvent
from casereview.learning.models import Finding, Recommendation, Review, Theme, ThemeTag
from casereview.learning.theme_services import taxonomy_ensure
from casereview.learning.tracker_selectors import TrackerFilters, table, theme_totals, tracker, year_totals
from casereview.partnerships.models import Person
from tests.conftest import sign_in, user_with_role
from tests.reviews.conftest import demo, record  # noqa: F401  (demo is a fixture)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def tag(theme, year, source, **target):
    return ThemeTag.objects.create(partnership=theme.partnership, theme=theme, year=year, source=source, **target)


def action(rec, status, due, title="A fictional action"):
    owner = Person.objects.filter(partnership=rec.partnership).order_by("pk").first()
    return Action.objects.create(partnership=rec.partnership, title=title, owner=owner, agency=owner.agency,
                                 due_date=due, set_on=date(2025, 1, 1), status=status, recommendation=rec)


@pytest.fixture
def corpus(demo):  # noqa: F811
    """Two local reviews, a national review and a rapid review under "neglect", with recommendations, actions
    and updates; "information sharing" on a finding and the national review; "fathers" on one recommendation."""
    admin = demo["admin"]
    partnership = demo["rapid"].partnership
    taxonomy_ensure(partnership, admin)
    t = {k: Theme.objects.get(partnership=partnership, key=k) for k in ("neglect", "information_sharing", "fathers")}
    l1 = Review.objects.create(partnership=partnership, kind="lcspr", title="LCSPR Child B", status="published",
                               year=2024)
    l2 = Review.objects.create(partnership=partnership, kind="sar", title="SAR Adult C", status="open", year=2025)
    nat = Review.objects.create(partnership=partnership, kind="national", title="National review", status="open",
                                year=2025)
    rapid = record(demo, reference="SIN-T-1").rapid_review
    l1r1 = Recommendation.objects.create(partnership=partnership, review=l1, number=1, text="Share information.")
    l1r2 = Recommendation.objects.create(partnership=partnership, review=l1, number=2, text="Find the fathers.")
    nr1 = Recommendation.objects.create(partnership=partnership, review=nat, number=1, text="National one.",
                                        local_relevance="relevant", local_response="We have a protocol.")
    Recommendation.objects.create(partnership=partnership, review=nat, number=2, text="National two.")
    finding = Finding.objects.create(review=l1, number=1, text="Information was not shared.")
    tag(t["neglect"], 2024, "lcspr", review=l1)
    tag(t["information_sharing"], 2024, "lcspr", finding=finding)
    tag(t["fathers"], 2024, "lcspr", recommendation=l1r2)
    tag(t["neglect"], 2025, "adult_review", review=l2)
    tag(t["neglect"], 2025, "national", review=nat)
    tag(t["information_sharing"], 2025, "national", review=nat)
    tag(t["neglect"], 2025, "rapid_review", rapid_review=rapid)
    a1 = action(l1r1, "on_track", TODAY - timedelta(days=3))  # overdue
    a2 = action(l1r1, "complete", TODAY - timedelta(days=30))
    action(l1r1, "closed", TODAY - timedelta(days=60))
    action(l1r1, "at_risk", TODAY + timedelta(days=30))
    a5 = action(nr1, "not_started", TODAY + timedelta(days=60))
    ActionUpdate.objects.create(action=a1, progress="Training held.", impact="Fewer missed referrals.")
    ActionUpdate.objects.create(action=a2, progress="Done.")
    ActionUpdate.objects.create(action=a5, progress="Audit planned.", impact="Protocol used in every case.")
    return {"partnership": partnership, "admin": admin, "themes": t, "l1": l1, "nat": nat, "rapid": rapid}


def counts(result, key):
    row = next(r for r in result.rows if r.theme.key == key)
    return {name: getattr(row, name) for name in (
        "local_reviews", "rapid_reviews", "national_reviews", "recommendations", "national_recommendations",
        "assessed", "actions_open", "actions_overdue", "actions_closed", "impact")}


def test_counts_per_theme_local_and_national(corpus):
    """Each theme counts its reviews by kind, its recommendations (own themes, else the review's), actions by
    state, the national recommendations assessed locally and the updates with impact."""
    result = tracker(corpus["partnership"], TODAY)
    assert counts(result, "neglect") == {
        "local_reviews": 2, "rapid_reviews": 1, "national_reviews": 1, "recommendations": 3,
        "national_recommendations": 2, "assessed": 1, "actions_open": 3, "actions_overdue": 1, "actions_closed": 2,
        "impact": 2}
    assert counts(result, "information_sharing") == {
        "local_reviews": 1, "rapid_reviews": 0, "national_reviews": 1, "recommendations": 2,
        "national_recommendations": 2, "assessed": 1, "actions_open": 1, "actions_overdue": 0, "actions_closed": 0,
        "impact": 1}
    assert counts(result, "fathers")["local_reviews"] == 1 and counts(result, "fathers")["recommendations"] == 1
    assert counts(result, "sudi")["local_reviews"] == 0  # every current theme is listed, even with nothing
    assert result.years == [(2024, 1, 0), (2025, 2, 1)]


@pytest.mark.parametrize(("filters", "expected"), [
    (TrackerFilters(year_from=2025), {"local_reviews": 1, "national_reviews": 1, "rapid_reviews": 1,
                                      "recommendations": 2}),
    (TrackerFilters(year_to=2024), {"local_reviews": 1, "national_reviews": 0, "rapid_reviews": 0,
                                    "recommendations": 1}),
    (TrackerFilters(source="national"), {"local_reviews": 0, "national_reviews": 1, "rapid_reviews": 0,
                                         "recommendations": 2}),
    (TrackerFilters(kind="lcspr"), {"local_reviews": 1, "national_reviews": 0, "rapid_reviews": 0,
                                    "recommendations": 1}),
])
def test_filters(corpus, filters, expected):
    """Year range, source and review kind narrow the tags that are counted."""
    result = counts(tracker(corpus["partnership"], TODAY, filters), "neglect")
    assert {k: result[k] for k in expected} == expected


def test_recommendations_under_no_theme_count_nowhere(corpus):
    """Actions and impact of a recommendation whose review has no theme (and that has none of its own) are in
    no row, and filters that leave a recommendation out leave out its actions too."""
    before = tracker(corpus["partnership"], TODAY)
    untagged = Review.objects.create(partnership=corpus["partnership"], kind="lcspr", title="Untagged review",
                                     status="published", year=2024)
    rec = Recommendation.objects.create(partnership=corpus["partnership"], review=untagged, number=1,
                                        text="Not under any theme.")
    lone = action(rec, "on_track", TODAY - timedelta(days=1))
    ActionUpdate.objects.create(action=lone, progress="Started.", impact="Seen in practice.")
    after = tracker(corpus["partnership"], TODAY)
    assert [counts(after, r.theme.key) for r in after.rows] == [counts(before, r.theme.key) for r in before.rows]
    national_only = counts(tracker(corpus["partnership"], TODAY, TrackerFilters(source="national")), "neglect")
    assert (national_only["actions_open"], national_only["impact"]) == (1, 1)  # the national recommendation's


def test_category_and_theme_filters_narrow_the_rows(corpus):
    """A category filter lists only its themes; a theme filter lists that theme alone."""
    practice = tracker(corpus["partnership"], TODAY, TrackerFilters(category="practice"))
    assert {r.theme.category for r in practice.rows} == {"practice"} and len(practice.rows) == 11
    one = tracker(corpus["partnership"], TODAY, TrackerFilters(theme=corpus["themes"]["fathers"].pk))
    assert [r.theme.key for r in one.rows] == ["fathers"]


def test_suppressed_table_and_charts(corpus):
    """Suppressed, 1 and 2 become "[c]" while 0 and 3 stay; the chart data says the same as the table."""
    result = tracker(corpus["partnership"], TODAY)
    rows = {r["theme"].key: r["values"] for r in table(result, suppressed=True)["rows"]}
    assert rows["neglect"] == ["[c]", "[c]", "[c]", 3, "[c]", "[c]", 3, "[c]", "[c]", "[c]"]
    assert rows["sudi"][0] == 0
    exact = {r["theme"].key: r["values"] for r in table(result, suppressed=False)["rows"]}
    assert exact["neglect"][:3] == [2, 1, 1]
    assert theme_totals(result, suppressed=False)[0] == ("Neglect", 4)
    assert year_totals(result, suppressed=True) == [(2024, "[c]", 0), (2025, "[c]", "[c]")]


def test_csv_export_is_suppressed_and_audited(client, corpus):
    """The export, even for the business team, shows "[c]" for 1 and 2, and is recorded as an export."""
    sign_in(client, corpus["admin"])
    response = client.get("/learning/tracker.csv?year_from=2024")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, body = rows[0], {r[1]: r for r in rows[1:] if len(r) > 2}
    assert header[:5] == ["Category", "Theme", "Local reviews", "Rapid reviews", "National reviews"]
    assert body["Neglect"][2:] == ["[c]", "[c]", "[c]", "3", "[c]", "[c]", "3", "[c]", "[c]", "[c]"]
    assert body["Neglect"][0] == "Harm and context" and body["Domestic abuse"][2] == "0"
    assert "[c]" in rows[-1][0] and "From year 2024" in rows[-1][0]
    event = AuditEvent.objects.get(verb="exported")
    assert "Learning tracker (CSV)" in event.changes["report"][1]


def test_page_is_exact_for_the_business_team_and_suppressed_for_others(client, corpus):
    """The business team sees exact counts (and can preview the shared view); a chair sees suppressed ones."""
    neglect = corpus["themes"]["neglect"]
    sign_in(client, corpus["admin"])
    page = client.get(f"/learning/tracker/?theme={neglect.pk}")
    assert page.context["table"]["rows"][0]["values"][:3] == [2, 1, 1]
    html = page.content.decode()
    assert 'role="img"' in html and "Fewer missed referrals." in html and "We have a protocol." in html
    shared = client.get(f"/learning/tracker/?theme={neglect.pk}&view=shared")
    assert shared.context["table"]["rows"][0]["values"][:3] == ["[c]", "[c]", "[c]"]
    assert shared.context["detail"] is None
    chair = user_with_role(corpus["partnership"], "chair")
    sign_in(client, chair)
    rows = {r["theme"].key: r["values"] for r in client.get("/learning/tracker/").context["table"]["rows"]}
    assert rows["neglect"][:3] == ["[c]", "[c]", "[c]"]


def test_bad_filters_are_ignored_not_an_error(client, corpus):
    """A filter value that is not offered is dropped with a message; the page still answers 200."""
    sign_in(client, corpus["admin"])
    response = client.get("/learning/tracker/?year_from=abc&theme=99999&source=nonsense")
    assert response.status_code == 200 and "not recognised" in response.content.decode()


def _tracker_queries(partnership) -> int:
    with CaptureQueriesContext(connection) as captured:
        tracker(partnership, TODAY)
    return len(captured)


def test_tracker_queries_do_not_grow_with_themes_or_tags(corpus):
    """Adding reviews, tags, recommendations and actions adds no queries: counts are aggregated, not looped."""
    partnership = corpus["partnership"]
    before = _tracker_queries(partnership)
    for n in range(6):
        review = Review.objects.create(partnership=partnership, kind="audit", title=f"Audit {n}", status="open",
                                       year=2020 + n)
        rec = Recommendation.objects.create(partnership=partnership, review=review, number=1, text="Fictional.")
        for key in ("domestic_abuse", "neglect", "transitions"):
            tag(Theme.objects.get(partnership=partnership, key=key), 2020 + n, "audit", review=review)
        update = ActionUpdate.objects.create(action=action(rec, "on_track", TODAY), progress="x", impact="y")
        assert update.pk
    assert _tracker_queries(partnership) == before <= 8


def test_page_queries_are_bounded(client, corpus):
    """The tracker page with a theme's detail takes a fixed number of queries however much is tagged."""
    sign_in(client, corpus["admin"])
    url = f"/learning/tracker/?theme={corpus['themes']['neglect'].pk}"
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    partnership = corpus["partnership"]
    for n in range(5):
        review = Review.objects.create(partnership=partnership, kind="lcspr", title=f"More {n}", status="open")
        tag(corpus["themes"]["neglect"], 2025, "lcspr", review=review)
    with CaptureQueriesContext(connection) as second:
        client.get(url)
    assert len(second) == len(first)
