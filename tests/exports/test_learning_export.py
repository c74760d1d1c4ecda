"""The learning lists download as CSV and XLSX: reviews, themes, a review's (or rapid review's) recommendations
with their actions, and national recommendations to assess: the page's rows, the page's filters and access,
audited, never another partnership's."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from casereview.accounts.models import User
from casereview.actions.models import Action
from casereview.learning.models import Recommendation, Review, TaxonomyVersion, Theme
from casereview.partnerships.models import Agency, AgencyKind, Person
from tests.actions.governance_helpers import gov  # noqa: F401  (a fixture)
from tests.conftest import PartnershipFactory, sign_in
from tests.exports.helpers import csv_rows, last_export, xlsx_rows
from tests.web.test_role_urls import _a_review as a_rapid_review

ELSEWHERE = "Elsewhere review (fictional)"


def user(name: str) -> User:
    return User.objects.get(username=name)


@pytest.fixture
def learning(gov):  # noqa: F811
    """Three reviews of the demo partnership (a practice review, a national review, an audit), recommendations
    with actions, and a review of a second partnership that must never show."""
    partnership = gov["crs"].partnership
    lcspr = Review.objects.create(partnership=partnership, kind="lcspr", title="Practice review: Child P (fictional)",
                                  reference="LCSPR-X-1", status="in_progress", group=gov["crs"],
                                  decision_date=date(2026, 1, 12), year=2026)
    national = Review.objects.create(partnership=partnership, kind="national", title="National review (fictional)",
                                     status="completed", source_body="The Panel", published_on=date(2025, 6, 1),
                                     year=2025)
    audit = Review.objects.create(partnership=partnership, kind="audit", title="=Audit of referrals (fictional)",
                                  status="open", year=2026)
    police = Agency.objects.get(partnership=partnership, kind=AgencyKind.POLICE)
    owner = Person.objects.filter(agency=police).order_by("pk").first()
    rec = Recommendation.objects.create(partnership=partnership, review=lcspr, number=1,
                                        text="Agencies share information at first contact.")
    Recommendation.objects.create(partnership=partnership, review=lcspr, number=2, text="Supervision is recorded.")
    for title, due in [("Train officers", date(2026, 6, 1)), ("Audit referrals", date(2026, 9, 1))]:
        Action.objects.create(partnership=partnership, title=title, owner=owner, agency=police, due_date=due,
                              set_on=date(2026, 2, 1), recommendation=rec)
    for number in (1, 2):
        Recommendation.objects.create(partnership=partnership, review=national, number=number,
                                      text=f"National recommendation {number} (fictional).")
    other = PartnershipFactory(name="Elsewhere Safeguarding Children Partnership")
    Review.objects.create(partnership=other, kind="national", title=ELSEWHERE, status="completed")
    return {"lcspr": lcspr, "national": national, "audit": audit, "rec": rec, "other": other}


# --- reviews ---------------------------------------------------------------------------------------------

def test_review_csv_and_xlsx_hold_the_pages_rows_and_are_audited(client, learning):
    """For a reader of all records (the scrutineer) both formats list exactly the reviews the page lists."""
    sign_in(client, user("scrutineer"))
    page = client.get(reverse("learning:review_list"))
    shown = [row["review"].title for row in page.context["rows"]]
    assert len(shown) == 3 and ELSEWHERE not in shown
    rows = csv_rows(client.get(reverse("learning:review_list"), {"format": "csv"}))
    assert rows[0][:5] == ["Id", "Review", "Kind", "Reference", "Status"]
    assert [r[1] for r in rows[1:]] == [("'" + t if t.startswith("=") else t) for t in shown]
    assert last_export(user("scrutineer")) == "Reviews (CSV): 3 rows"
    book = xlsx_rows(client.get(reverse("learning:review_list"), {"format": "xlsx"}))
    assert [r[1] for r in book[1:]] == shown
    assert last_export(user("scrutineer")) == "Reviews (XLSX): 3 rows"


def test_review_export_keeps_the_filters_and_the_clock(client, learning):
    """The kind and status filters narrow the download; a practice review carries its publication clock."""
    sign_in(client, user("business.manager"))
    rows = csv_rows(client.get(reverse("learning:review_list"), {"format": "csv", "kind": "lcspr"}))
    assert [r[1] for r in rows[1:]] == [learning["lcspr"].title]
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Decision date"] == "2026-01-12" and record["Publication due"] == "2026-07-12"
    assert record["Publication clock"] and record["Group"] == "Case Review Subgroup"
    rows = csv_rows(client.get(reverse("learning:review_list"), {"format": "csv", "status": "completed"}))
    assert [r[1] for r in rows[1:]] == [learning["national"].title]


def test_the_review_list_offers_both_formats_with_its_filters(client, learning):
    sign_in(client, user("business.manager"))
    page = client.get(reverse("learning:review_list"), {"kind": "lcspr", "page": "1"}).content.decode()
    assert '?kind=lcspr&amp;format=csv"' in page and '?kind=lcspr&amp;format=xlsx"' in page


def test_a_contributor_is_refused_the_export_as_the_page(client, learning):
    """An agency contributor does not read learning: the download answers as the page does."""
    sign_in(client, user("contributor"))
    for fmt in (None, "csv", "xlsx"):
        query = {"format": fmt} if fmt else {}
        assert client.get(reverse("learning:review_list"), query).status_code == 403


def test_review_export_queries_do_not_grow_with_rows(client, learning):
    """Twenty reviews cost the same number of queries as two."""
    sign_in(client, user("business.manager"))
    partnership = learning["lcspr"].partnership
    Review.objects.filter(partnership=partnership).exclude(pk=learning["lcspr"].pk).delete()
    Review.objects.create(partnership=partnership, kind="lcspr", title="Another (fictional)", status="commissioned",
                          group=learning["lcspr"].group, decision_date=date(2026, 2, 1))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            csv_rows(client.get(reverse("learning:review_list"), {"format": "csv"}))
        return len(queries)

    small = count()
    for n in range(18):
        Review.objects.create(partnership=partnership, kind="lcspr", title=f"More {n} (fictional)",
                              status="commissioned", group=learning["lcspr"].group, decision_date=date(2026, 2, 1))
    assert count() == small


# --- themes ----------------------------------------------------------------------------------------------

def test_theme_export_lists_the_pages_themes_and_not_another_partnerships(client, learning):
    other = learning["other"]
    version = TaxonomyVersion.objects.create(partnership=other, version=1, note="Elsewhere")
    Theme.objects.create(partnership=other, key="elsewhere", label="Elsewhere theme", category="local",
                         added_in=version)
    sign_in(client, user("member"))
    page = client.get(reverse("learning:theme_list"))
    shown = [theme.label for _category, themes in page.context["categories"] for theme in themes]
    assert shown
    rows = csv_rows(client.get(reverse("learning:theme_list"), {"format": "csv"}))
    assert rows[0] == ["Category", "Theme", "Key", "Tags", "Added in version", "Status"]
    assert [r[1] for r in rows[1:]] == shown and "Elsewhere theme" not in shown
    assert {r[5] for r in rows[1:]} == {"In use"}
    assert [r[1] for r in xlsx_rows(client.get(reverse("learning:theme_list"), {"format": "xlsx"}))[1:]] == shown
    assert last_export(user("member")) == f"Themes (XLSX): {len(shown)} rows"
    sign_in(client, user("contributor"))
    assert client.get(reverse("learning:theme_list"), {"format": "csv"}).status_code == 403


# --- national recommendations to assess ------------------------------------------------------------------

def test_national_recommendations_to_assess_download(client, learning):
    sign_in(client, user("chair"))
    page = client.get(reverse("learning:national_assessment_list"))
    shown = [rec.text for rec in page.context["recommendations"]]
    rows = csv_rows(client.get(reverse("learning:national_assessment_list"), {"format": "csv"}))
    assert [r[4] for r in rows[1:]] == shown and len(shown) == 2
    assert rows[1][:4] == ["National review (fictional)", "The Panel", "2025-06-01", "1"]
    assert last_export(user("chair")) == "National recommendations to assess (CSV): 2 rows"
    sign_in(client, user("contributor"))
    assert client.get(reverse("learning:national_assessment_list"), {"format": "xlsx"}).status_code == 403


# --- a review's recommendations and their actions --------------------------------------------------------

def test_a_reviews_recommendations_download_one_row_per_action(client, learning):
    """Recommendation 1 has two actions (two rows); recommendation 2 has none (one row of its own)."""
    sign_in(client, user("scrutineer"))
    url = reverse("learning:review_recommendations_export", args=[learning["lcspr"].pk])
    rows = csv_rows(client.get(url, {"format": "csv"}))
    assert rows[0][:4] == ["Recommendation", "Text", "Action reference", "Action"]
    assert [(r[0], r[3]) for r in rows[1:]] == [("1", "Train officers"), ("1", "Audit referrals"), ("2", "")]
    assert last_export(user("scrutineer")) == f"Review {learning['lcspr'].pk} recommendations (CSV): 3 rows"
    page = client.get(reverse("learning:review_detail", args=[learning["lcspr"].pk])).content.decode()
    assert f'{url}?format=xlsx"' in page
    book = xlsx_rows(client.get(url, {"format": "xlsx"}))
    assert book[1][6] is not None and book[1][6].date() == date(2026, 6, 1)


def test_a_national_reviews_recommendations_carry_the_local_assessment(client, learning):
    sign_in(client, user("business.manager"))
    url = reverse("learning:review_recommendations_export", args=[learning["national"].pk])
    rows = csv_rows(client.get(url, {"format": "csv"}))
    assert rows[0][2:5] == ["Local relevance", "Assessed on", "Local response"]
    assert {r[2] for r in rows[1:]} == {"Not yet assessed"}


def test_recommendations_download_follows_the_review_pages_access(client, learning):
    """A contributor and a review of another partnership both answer 404, as the review page does; without a
    format the address leads back to the page."""
    other_review = Review.objects.get(title=ELSEWHERE)
    sign_in(client, user("contributor"))
    url = reverse("learning:review_recommendations_export", args=[learning["lcspr"].pk])
    assert client.get(url, {"format": "csv"}).status_code == 404
    sign_in(client, user("business.manager"))
    assert client.get(reverse("learning:review_recommendations_export", args=[other_review.pk]),
                      {"format": "csv"}).status_code == 404
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].endswith("#recommendations")


def test_a_rapid_reviews_recommendations_download(client, learning):
    partnership = learning["lcspr"].partnership
    rapid_review = a_rapid_review(partnership)
    Recommendation.objects.create(partnership=partnership, rapid_review=rapid_review, number=1,
                                  text="Rapid review recommendation (fictional).")
    sign_in(client, user("member"))
    url = reverse("learning:rapid_review_recommendations_export", args=[rapid_review.pk])
    rows = csv_rows(client.get(url, {"format": "csv"}))
    assert [r[1] for r in rows[1:]] == ["Rapid review recommendation (fictional)."]
    page = client.get(reverse("reviews:detail", args=[rapid_review.pk])).content.decode()
    assert f'{url}?format=csv"' in page
    sign_in(client, user("contributor"))
    assert client.get(url, {"format": "csv"}).status_code == 404


def test_recommendation_download_queries_do_not_grow_with_actions(client, learning):
    sign_in(client, user("business.manager"))
    url = reverse("learning:review_recommendations_export", args=[learning["lcspr"].pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            csv_rows(client.get(url, {"format": "csv"}))
        return len(queries)

    small = count()
    rec = learning["rec"]
    for n in range(18):
        Action.objects.create(partnership=rec.partnership, title=f"Action {n}", owner=Person.objects.first(),
                              agency=Agency.objects.filter(partnership=rec.partnership).first(),
                              due_date=date(2026, 6, 1), set_on=date(2026, 2, 1), recommendation=rec)
    assert count() == small

