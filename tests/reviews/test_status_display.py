"""A rapid review's status in words is the lifecycle's label, as Django's generic display would give it."""

import pytest

from casereview.domain.lifecycle import RAPID_REVIEW_LABELS
from casereview.reviews.models import RapidReview


@pytest.mark.parametrize(("status", "label"), [(status.value, label) for status, label in RAPID_REVIEW_LABELS.items()])
def test_each_status_shows_its_label(status, label):
    review = RapidReview(status=status)
    field = RapidReview._meta.get_field("status")
    assert review.get_status_display() == label == review._get_FIELD_display(field)


def test_an_unknown_status_shows_as_stored():
    review = RapidReview(status="not_a_status")
    field = RapidReview._meta.get_field("status")
    assert review.get_status_display() == "not_a_status" == review._get_FIELD_display(field)
