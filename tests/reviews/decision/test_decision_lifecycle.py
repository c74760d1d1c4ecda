"""A rapid review from notification to closure through the services, for both seed groups, every step audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.reviews.models import RapidReview
from casereview.reviews.submission_services import (
    rapid_review_close,
    rapid_review_feedback_record,
    rapid_review_feedback_share,
    rapid_review_submit,
)
from tests.conftest import sign_in

from .conftest import circulated, decided, met, signed

pytestmark = pytest.mark.django_db

PATH = ["notified", "gathering", "pack_circulated", "meeting_held", "decided", "signed_off", "submitted",
        "feedback_received", "closed"]


def _to_closed(demo, group, django_capture_on_commit_callbacks):
    review = signed(demo, decided(demo, met(demo, circulated(demo, group=group))))
    rapid_review_submit(actor=demo["admin"], review=review, sent_on=date(2026, 1, 13),
                        panel_meeting_date=date(2026, 1, 22))
    rapid_review_feedback_record(actor=demo["admin"], review=review, outcome="agrees", received_on=date(2026, 2, 2),
                                 summary="The Panel agrees a local review is right.",
                                 follow_on_actions="Commission the reviewer by 30 January.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        rapid_review_feedback_share(actor=demo["admin"], review=review)
    rapid_review_close(actor=demo["admin"], review=review)
    return RapidReview.objects.get(pk=review.pk)


@pytest.mark.parametrize("group, expected_on", [("rapid", date(2026, 2, 5)), ("subgroup", None)])
def test_whole_lifecycle_for_each_seed_group(demo, group, expected_on, django_capture_on_commit_callbacks):
    """Notified to closed, with three sign-offs; Kent expects feedback 10 working days after the Panel meets."""
    review = _to_closed(demo, group, django_capture_on_commit_callbacks)
    assert [step.after for step in review.status_changes.all()] == PATH
    assert review.sign_offs.count() == 3 and review.closed_on is not None
    assert review.submission.feedback_expected_on == expected_on
    assert review.submission.feedback_shared_on is not None
    statuses = [e.changes["status"] for e in AuditEvent.objects.filter(
        target_type="reviews.rapidreview", target_id=str(review.pk), changes__has_key="status").order_by("seq")]
    assert statuses == [[a, b] for a, b in zip(PATH, PATH[1:], strict=False)]


def test_feedback_is_shared_with_members_and_signatories_without_case_detail(demo,
                                                                             django_capture_on_commit_callbacks):
    """An e-mail each to the group's members and the signatories' users, with a link and no feedback text."""
    _to_closed(demo, "subgroup", django_capture_on_commit_callbacks)
    addressed = [address for message in mail.outbox for address in message.to]
    assert all(len(message.to) == 1 for message in mail.outbox)  # nobody sees who else was told
    assert "member@northmoor.example" in addressed  # Devon Okafor sits on the subgroup
    assert "chair@northmoor.example" in addressed  # Imogen Tate signed off for the local authority
    assert "contributor@northmoor.example" not in addressed
    for message in mail.outbox:
        assert "agrees a local review" not in message.body and "Child A" not in message.body


def test_feedback_shared_twice_is_refused(demo, django_capture_on_commit_callbacks):
    """Sharing is recorded once; a second press is refused."""
    review = _to_closed(demo, "rapid", django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="already shared|was shared"):
        rapid_review_feedback_share(actor=demo["admin"], review=review)


def test_feedback_before_submission_date_is_refused(demo):
    """Feedback cannot be dated before the submission went."""
    review = signed(demo, decided(demo, met(demo, circulated(demo))))
    rapid_review_submit(actor=demo["admin"], review=review, sent_on=date(2026, 1, 13))
    with pytest.raises(ValidationError) as excinfo:
        rapid_review_feedback_record(actor=demo["admin"], review=review, outcome="agrees",
                                     received_on=date(2026, 1, 2), summary="Fine")
    assert "received_on" in excinfo.value.message_dict
    assert RapidReview.objects.get(pk=review.pk).status == "submitted"


def test_feedback_share_and_close_pages_are_post_only_buttons(demo, client):
    """The review page offers Share feedback and Close as buttons; both work by POST and refuse GET."""
    review = signed(demo, decided(demo, met(demo, circulated(demo))))
    rapid_review_submit(actor=demo["admin"], review=review, sent_on=date(2026, 1, 13))
    sign_in(client, demo["admin"])
    response = client.post(reverse("reviews:feedback", args=[review.pk]),
                           {"outcome": "disagrees", "received_on": "2026-01-30", "summary": "A national review."})
    assert response.status_code == 302
    page = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert "Share feedback" in page and "Close" in page
    assert client.get(reverse("reviews:close", args=[review.pk])).status_code == 405
    for name in ("reviews:feedback_share", "reviews:close"):
        assert client.post(reverse(name, args=[review.pk])).status_code == 302
    assert RapidReview.objects.get(pk=review.pk).status == "closed"


WRITE_PAGES = ["reviews:pack_circulate", "reviews:meeting_record", "reviews:decide", "reviews:sign_off",
               "reviews:submit", "reviews:feedback"]


@pytest.mark.parametrize("username, status", [("contributor", 404), ("chair", 403), ("member", 403),
                                              ("scrutineer", 403), ("business.manager", 200)])
def test_only_the_business_team_opens_the_write_pages(demo, client, username, status):
    """Readers are refused (403); an agency contributor cannot tell the review exists (404)."""
    review = circulated(demo)
    sign_in(client, User.objects.get(username=username))
    for name in WRITE_PAGES:
        assert client.get(reverse(name, args=[review.pk])).status_code == status, name


def test_review_page_shows_next_step_to_the_business_team_only(demo, client):
    """The business team sees "Record the meeting"; the chair sees the pack link but no buttons."""
    review = circulated(demo)
    url = reverse("reviews:detail", args=[review.pk])
    sign_in(client, demo["admin"])
    assert "Record the meeting" in client.get(url).content.decode()
    sign_in(client, User.objects.get(username="chair"))
    page = client.get(url).content.decode()
    assert "Record the meeting" not in page and "Download the pack (PDF)" in page


def test_follow_on_actions_are_kept_with_the_feedback(demo, django_capture_on_commit_callbacks):
    """The actions the partnership agrees after the Panel's feedback are stored with the submission."""
    review = _to_closed(demo, "rapid", django_capture_on_commit_callbacks)
    assert review.submission.follow_on_actions == "Commission the reviewer by 30 January."
