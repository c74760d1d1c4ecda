"""On a fictional corpus, the similar-reviews list puts the intended earlier review first, lists nothing for an
unrelated case, and never lists a review dated after the case."""

from __future__ import annotations

from datetime import date

import pytest

from casereview.accounts.models import User
from casereview.domain import similarity as sim
from casereview.learning.models import Finding, Review, ThemeTag
from casereview.learning.similar_selectors import similar_to_rapid_review, similar_to_review
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Partnership
from tests.learning.similar_corpus import CASES, LATER, UNRELATED, decide, expected_title, load_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(db):
    load_demo()
    return load_corpus(Partnership.objects.get(), User.objects.get(username="business.manager"))


def test_the_intended_earlier_review_ranks_first_for_each_case(corpus):
    """For every new case in the table, the review written to match it is listed first."""
    wrong = []
    for reference, _received, _harm, _summary, key in CASES:
        rows = similar_to_rapid_review(corpus["cases"][reference])
        first = rows[0]["title"] if rows else None
        if first != expected_title(key, corpus):
            wrong.append(f"{reference}: first was {first!r}, expected {expected_title(key, corpus)!r}; "
                         f"{[(r['title'], r['score']) for r in rows]}")
    assert wrong == []


def test_an_unrelated_case_lists_nothing_above_the_threshold(corpus):
    """A case about something no review covers brings up no similar review."""
    rows = similar_to_rapid_review(corpus["cases"][UNRELATED[0]])
    assert rows == [], [(r["title"], r["score"]) for r in rows]


def test_reviews_dated_after_the_case_are_never_listed(corpus):
    """No listed review is dated on or after the day the case was received, however alike its wording."""
    later_titles = {row[2] for row in LATER}
    for reference, received, *_rest in CASES:
        rows = similar_to_rapid_review(corpus["cases"][reference])
        assert all(r["dated_on"] < received for r in rows), reference
        assert not later_titles & {r["title"] for r in rows}, reference


def test_the_case_itself_and_its_own_reviews_are_not_listed(corpus):
    """A practice review commissioned from a case does not list the case's rapid review or itself."""
    rapid = corpus["cases"]["SIN-C-SUDI"]
    decide(rapid, date(2025, 3, 20), "Safer sleep advice was not repeated after the move.")
    lcspr = Review.objects.create(partnership=rapid.partnership, kind="lcspr", title="Baby C: co-sleeping on a sofa",
                                  status="in_progress", rapid_review=rapid, decision_date=date(2025, 3, 20),
                                  summary="A baby died co-sleeping on a sofa with a father who had drunk alcohol.")
    Finding.objects.create(review=lcspr, number=1, text="Safer sleep advice was not revisited after the move.")
    rows = similar_to_review(Review.objects.select_related("rapid_review__notification").get(pk=lcspr.pk))
    titles = [r["title"] for r in rows]
    assert titles[0] == corpus["reviews"]["sudi_sofa"].title
    assert lcspr.title not in titles and f"Rapid review {rapid.notification.reference}" not in titles


def test_a_rapid_review_gives_way_to_the_review_it_commissioned(corpus):
    """When an earlier rapid review commissioned a practice review, only the practice review is listed."""
    earlier = corpus["earlier_rapid"]
    Review.objects.create(partnership=earlier.partnership, kind="lcspr", title="Child M: methadone at home",
                          status="published", rapid_review=earlier, decision_date=date(2023, 4, 20),
                          summary="A toddler swallowed methadone; drug treatment services did not ask about children.")
    rows = similar_to_rapid_review(corpus["cases"]["SIN-C-METHADONE"])
    titles = [r["title"] for r in rows]
    assert titles[0] == "Child M: methadone at home"
    assert "Rapid review SIN-CORPUS-EARLIER" not in titles


def test_each_listed_review_says_why_in_words(corpus):
    """The explanation names the shared themes by label."""
    [first, *_] = similar_to_rapid_review(corpus["cases"]["SIN-C-SUDI"])
    assert first["why"].startswith("shares themes: sudden unexpected death in infancy")
    assert "wording" in first["why"]
    assert 0 < first["score"] <= 100 and first["score"] >= round(sim.MINIMUM_SCORE * 100)


def test_the_search_reads_a_fixed_number_of_queries(corpus, django_assert_max_num_queries):
    """The corpus is read in a handful of queries whatever its size."""
    rapid = corpus["cases"]["SIN-C-NAI"]
    rapid = type(rapid).objects.select_related("partnership", "notification").get(pk=rapid.pk)
    with django_assert_max_num_queries(8):
        similar_to_rapid_review(rapid)
    partnership = rapid.partnership
    for n in range(30):
        review = Review.objects.create(partnership=partnership, kind="audit", title=f"Audit {n} of bruising",
                                       status="completed", year=2020, summary="Bruising protocol audit.")
        Finding.objects.create(review=review, number=1, text="The protocol was followed.")
    with django_assert_max_num_queries(8):
        similar_to_rapid_review(rapid)


def test_themes_tagged_on_a_finding_or_recommendation_count_for_its_review(corpus):
    """A theme counts for a review whether it is tagged on the review, one of its findings or one of its
    recommendations: moving every review's tags onto its findings and recommendations changes no result."""
    before = {ref: [(r["title"], r["why"]) for r in similar_to_rapid_review(corpus["cases"][ref])]
              for ref, *_rest in CASES}
    assert any(why for rows in before.values() for _title, why in rows)
    moved = {"finding": 0, "recommendation": 0}
    for i, review in enumerate(sorted(corpus["reviews"].values(), key=lambda r: r.pk)):
        targets = {"finding": review.findings.order_by("number").first(),
                   "recommendation": review.recommendations.order_by("number").first()}
        order = ["finding", "recommendation"] if i % 2 == 0 else ["recommendation", "finding"]
        kind = next((k for k in order if targets[k] is not None), None)
        if kind is None:
            continue
        moved[kind] += ThemeTag.objects.filter(review=review).update(review=None, **{kind: targets[kind]})
    assert moved["finding"] and moved["recommendation"]
    after = {ref: [(r["title"], r["why"]) for r in similar_to_rapid_review(corpus["cases"][ref])]
             for ref, *_rest in CASES}
    assert after == before
