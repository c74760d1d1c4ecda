"""Links between reviews (joint, parallel, related): shown on both reviews' pages, never a review to itself,
each pair once whichever way round, within one partnership; audited when made and removed."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casereview.audit.models import AuditEvent
from casereview.learning.models import Review, ReviewLink
from casereview.learning.review_other_services import other_review_create, review_link_add, review_link_remove
from casereview.learning.review_selectors import link_choices
from tests.conftest import PartnershipFactory, sign_in
from tests.learning.test_practice_review_support import commissioned, demo_records

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    return demo_records()


def sar(demo, title="SAR Adult M (mother)"):
    return other_review_create(actor=demo["admin"], partnership=demo["partnership"], kind="sar", title=title,
                               commissioning_body="Northmoor Safeguarding Adults Board")


def link(demo, one, other, kind="joint", note=""):
    return review_link_add(actor=demo["admin"], review=one, other=other, kind=kind, note=note)


def test_a_link_shows_on_both_reviews_pages(client, demo):
    """Made from the practice review, the link appears on the SAR's page too, with its kind and note."""
    lcspr, adult = commissioned(demo), sar(demo)
    link(demo, lcspr, adult, note="One panel, two reports.")
    sign_in(client, demo["chair"])
    for here, there in ((lcspr, adult), (adult, lcspr)):
        html = client.get(reverse("learning:review_detail", args=[here.pk])).content.decode()
        assert reverse("learning:review_detail", args=[there.pk]) in html
        assert "joint" in html and "One panel, two reports." in html


@pytest.mark.parametrize("case, message", [
    ("self", "cannot be linked to itself"),
    ("same", "already linked"),
    ("reverse", "already linked"),
    ("other_partnership", "partnership's own reviews"),
    ("bad_kind", "joint, parallel or related"),
])
def test_links_refused(demo, case, message):
    """No self-link, no second link between the same two reviews either way round, none across partnerships."""
    lcspr, adult = commissioned(demo), sar(demo)
    link(demo, lcspr, adult)
    stranger = Review.objects.create(partnership=PartnershipFactory(), kind="audit", title="Elsewhere",
                                     status="open")
    one, other, kind = {"self": (lcspr, lcspr, "joint"), "same": (lcspr, adult, "parallel"),
                        "reverse": (adult, lcspr, "related"), "other_partnership": (lcspr, stranger, "related"),
                        "bad_kind": (lcspr, sar(demo, "Another"), "sideways")}[case]
    with pytest.raises(ValidationError) as error:
        link(demo, one, other, kind)
    assert message in " ".join(error.value.messages)
    assert ReviewLink.objects.count() == 1


def test_the_link_form_offers_only_reviews_not_yet_linked(demo):
    """Neither the review itself nor one already linked (either way) is offered."""
    lcspr, adult, another = commissioned(demo), sar(demo), sar(demo, "SAR Adult N")
    link(demo, adult, lcspr)
    assert link_choices(lcspr) == [another]


def test_removing_a_link_from_either_page_is_audited(client, demo):
    """The SAR's page can remove a link made from the practice review; the audit trail records it."""
    lcspr, adult = commissioned(demo), sar(demo)
    made = link(demo, lcspr, adult)
    sign_in(client, demo["admin"])
    response = client.post(reverse("learning:review_link_remove", args=[adult.pk, made.pk]))
    assert response.status_code == 302 and not ReviewLink.objects.exists()
    assert [e.verb for e in AuditEvent.objects.filter(target_type="learning.reviewlink").order_by("seq")] == [
        "created", "deleted"]


def test_a_link_of_another_review_cannot_be_removed_through_this_one(client, demo):
    """Removing a link by way of a review it does not touch answers 404; the service refuses it too."""
    lcspr, adult, third = commissioned(demo), sar(demo), sar(demo, "SAR Adult N")
    made = link(demo, lcspr, adult)
    sign_in(client, demo["admin"])
    assert client.post(reverse("learning:review_link_remove", args=[third.pk, made.pk])).status_code == 404
    with pytest.raises(ValidationError):
        review_link_remove(actor=demo["admin"], review=third, link=made)
    assert ReviewLink.objects.count() == 1


def test_link_page_adds_a_link_and_refuses_a_duplicate_beside_the_field(client, demo):
    """The form links the chosen review; the reverse of an existing link is not offered (400)."""
    lcspr, adult = commissioned(demo), sar(demo)
    sign_in(client, demo["admin"])
    url = reverse("learning:review_link_add", args=[lcspr.pk])
    assert client.post(url, {"other": str(adult.pk), "kind": "parallel"}).status_code == 302
    response = client.post(reverse("learning:review_link_add", args=[adult.pk]),
                           {"other": str(lcspr.pk), "kind": "joint"})
    assert response.status_code == 400 and ReviewLink.objects.count() == 1


def test_chair_cannot_link_and_contributor_cannot_see(client, demo):
    """The business team links; a chair is refused (403); a contributor sees no review (404)."""
    lcspr, adult = commissioned(demo), sar(demo)
    made = link(demo, lcspr, adult)
    sign_in(client, demo["chair"])
    assert client.get(reverse("learning:review_link_add", args=[lcspr.pk])).status_code == 403
    assert client.post(reverse("learning:review_link_remove", args=[lcspr.pk, made.pk])).status_code == 403
    sign_in(client, demo["contributor"])
    assert client.post(reverse("learning:review_link_remove", args=[lcspr.pk, made.pk])).status_code == 404
