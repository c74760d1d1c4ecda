"""Similar earlier reviews on the rapid review, notification and review pages, for those who read learning."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from casereview.accounts.models import User
from casereview.learning.models import Review
from casereview.learning.similar_selectors import similar_for_rapid_review, similar_part
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Partnership
from tests.conftest import sign_in
from tests.learning.similar_corpus import EARLIER, load_corpus

pytestmark = pytest.mark.django_db
SUDI_TITLE = EARLIER[0][2]


@pytest.fixture
def corpus(db):
    load_demo()
    return load_corpus(Partnership.objects.get(), User.objects.get(username="business.manager"))


def _as(client, username):
    return sign_in(client, User.objects.get(username=username))


def test_the_rapid_review_page_lists_similar_earlier_reviews(client, corpus):
    """A member opening a rapid review sees the similar earlier reviews, with why each is listed."""
    rapid = corpus["cases"]["SIN-C-SUDI"]
    page = _as(client, "member").get(reverse("reviews:detail", args=[rapid.pk])).content.decode()
    assert "Similar earlier reviews" in page
    assert SUDI_TITLE in page
    assert "Shares themes: sudden unexpected death in infancy" in page
    assert reverse("learning:review_detail", args=[corpus["reviews"]["sudi_sofa"].pk]) in page


def test_the_notification_page_lists_them_too(client, corpus):
    """The notification page shows the same list through its rapid review."""
    rapid = corpus["cases"]["SIN-C-NAI"]
    page = _as(client, "chair").get(reverse("incidents:detail", args=[rapid.notification_id])).content.decode()
    assert "Similar earlier reviews" in page
    assert corpus["reviews"]["nai_bruising"].title in page


def test_a_case_like_nothing_says_so(client, corpus):
    """An unrelated case says that no earlier review is similar enough."""
    rapid = corpus["cases"]["SIN-C-SCAFFOLD"]
    page = _as(client, "business.manager").get(reverse("reviews:detail", args=[rapid.pk])).content.decode()
    assert "No earlier review is similar enough to list." in page


def test_the_review_page_lists_reviews_earlier_than_it(client, corpus):
    """A practice review's page lists earlier reviews like it, never later ones."""
    review = corpus["reviews"]["sudi_national"]
    later = Review.objects.create(partnership=review.partnership, kind="lcspr", status="commissioned",
                                  title="Baby P: co-sleeping on a sofa after alcohol", decision_date=date(2024, 2, 1),
                                  summary="A baby died on a sofa while sleeping with a parent who had drunk alcohol.")
    page = _as(client, "scrutineer").get(reverse("learning:review_detail", args=[later.pk])).content.decode()
    assert "Similar earlier reviews" in page and SUDI_TITLE in page
    page = client.get(reverse("learning:review_detail", args=[review.pk])).content.decode()
    assert later.title not in page and SUDI_TITLE not in page  # both dated after the national review


def test_the_list_shows_learning_and_actions(client, corpus):
    """Each listed review carries its findings and its actions, open and finished, with links."""
    from casereview.actions.models import Action
    from casereview.learning.models import Recommendation
    from casereview.partnerships.models import Person

    review = corpus["reviews"]["sudi_sofa"]
    owner = Person.objects.filter(partnership=review.partnership).first()
    rec = Recommendation.objects.get(review=review)
    for title, status in [("Repeat safer sleep advice", "on_track"), ("Brief fathers", "closed")]:
        Action.objects.create(partnership=review.partnership, title=title, owner=owner, agency=owner.agency,
                              due_date=date(2022, 1, 1), set_on=date(2021, 6, 1), status=status, recommendation=rec)
    [first, *_] = similar_for_rapid_review(corpus["cases"]["SIN-C-SUDI"],
                                           User.objects.get(username="member"))["similar_rows"]
    assert first["learning"][0].startswith("Safer sleep advice was not revisited")
    assert (first["actions_open"], first["actions_finished"]) == (1, 1)
    assert [a["title"] for a in first["actions"]] == ["Repeat safer sleep advice", "Brief fathers"]
    assert first["actions"][0]["url"].startswith("/actions/")
    assert first["actions_url"] == f"/actions/?review={review.pk}"


def test_those_who_do_not_read_learning_see_no_list(corpus):
    """An agency contributor gets no list (the tag renders nothing for them)."""
    contributor = User.objects.get(username="contributor")
    assert similar_for_rapid_review(corpus["cases"]["SIN-C-SUDI"], contributor)["similar_visible"] is False
    assert similar_part(corpus["reviews"]["sudi_sofa"], contributor, date(2026, 1, 1))["similar_visible"] is False
