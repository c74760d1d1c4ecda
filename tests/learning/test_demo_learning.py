"""The demo's reviews and learning load through the services, and every learning page shows them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casereview.accounts.models import User
from casereview.actions.models import Action
from casereview.learning.models import Recommendation, Review, ThemeTag
from casereview.partnerships.demo import load_demo
from casereview.reviews.models import RapidReview
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def learning_demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert load_demo(with_meetings=True)


def test_demo_learning_story(learning_demo):
    lcspr = Review.objects.get(kind="lcspr")
    assert lcspr.status == "in_progress" and lcspr.rapid_review.decision.outcome == "lcspr"
    assert Recommendation.objects.filter(review=lcspr).count() == 2
    assert Action.objects.filter(recommendation__review=lcspr, agency__name="Northmoor Constabulary").count() == 1
    assert ThemeTag.objects.filter(review=lcspr).count() == 3
    assert RapidReview.objects.filter(status="gathering").count() == 1  # SIN-DEMO-2 is still gathering


@pytest.mark.parametrize("username", ["business.manager", "chair", "member", "scrutineer"])
def test_every_learning_page_renders_for_readers(client, learning_demo, username):
    sign_in(client, User.objects.get(username=username))
    urls = [reverse(name) for name in ("learning:review_list", "learning:tracker", "learning:theme_list",
                                       "learning:identity", "learning:national_assessment_list", "web:dashboard")]
    urls += [reverse("learning:review_detail", args=[r.pk]) for r in Review.objects.all()]
    urls += [reverse("reviews:detail", args=[r.pk]) for r in RapidReview.objects.all()]
    urls += [reverse("incidents:detail", args=[r.notification_id]) for r in RapidReview.objects.all()]
    assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200)


def test_the_newer_case_lists_the_earlier_practice_review_as_similar(client, learning_demo):
    sign_in(client, User.objects.get(username="business.manager"))
    newer = RapidReview.objects.get(notification__reference="SIN-DEMO-2")
    page = client.get(reverse("reviews:detail", args=[newer.pk])).content.decode()
    assert "Practice review: Child A (neglect, fictional)" in page


def test_dashboard_shows_the_practice_review(client, learning_demo):
    sign_in(client, User.objects.get(username="business.manager"))
    page = client.get(reverse("web:dashboard")).content.decode()
    assert "Practice reviews" in page and "Practice review: Child A (neglect, fictional)" in page
