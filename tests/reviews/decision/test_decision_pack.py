"""The collated pack: what it contains, who receives it, and who may download it."""

from __future__ import annotations

import subprocess

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from casereview.accounts.models import User
from casereview.audit.models import AuditEvent
from casereview.partnerships.models import Membership, Person
from casereview.reviews.models import PackDistribution, RapidReview
from casereview.reviews.pack import pack_pdf, pack_recipients, sha256
from casereview.reviews.pack_services import rapid_review_pack_circulate
from casereview.reviews.services import rapid_review_transition
from tests.conftest import sign_in
from tests.reviews.conftest import record

from .conftest import REAL_NAME, circulated, gathered, pdf_text, poppler

pytestmark = pytest.mark.django_db


def test_pack_renders_to_an_image(demo, tmp_path):
    """The pack is a real PDF: pdftoppm renders its first page to a PNG."""
    (tmp_path / "pack.pdf").write_bytes(pack_pdf(gathered(demo)))
    subprocess.run([poppler("pdftoppm"), "-png", "-r", "50", "-f", "1", "-l", "1", str(tmp_path / "pack.pdf"),
                    str(tmp_path / "page")], check=True)
    pngs = list(tmp_path.glob("page*.png"))
    assert pngs and pngs[0].read_bytes().startswith(b"\x89PNG")


def test_pack_has_its_headings_and_no_real_name(demo, tmp_path):
    """Cover sheet, Chronology and Agency summaries are there; the child is Child A, never their real name."""
    text = pdf_text(pack_pdf(gathered(demo)), tmp_path)
    assert text.index("Cover sheet") < text.index("Chronology") < text.index("Agency summaries")
    assert "Child A" in text and "SIN-2025-041" in text
    assert REAL_NAME not in text and "Tamsin" not in text and "Fictional Row" not in text


def test_chronology_is_merged_by_date_naming_the_agency(demo, tmp_path):
    """Entries from police and health interleave by date; the nil return is listed."""
    text = pdf_text(pack_pdf(gathered(demo)), tmp_path)
    order = [text.index(s) for s in ["Domestic abuse report", "Missed health visitor", "Officers attended"]]
    assert order == sorted(order)
    assert "Northmoor Education Service" in text.split("Nil returns")[1]


def test_recipients_exclude_agency_contributors(demo):
    """Members, chairs and the business team receive it; a contributor does not, even with a seat on the group."""
    priya = Person.objects.get(full_name="Priya Lindqvist")  # the demo contributor's own record
    Membership.objects.create(partnership=priya.partnership, group=demo["rapid"], person=priya,
                              role_title="Co-opted police officer", co_opted=True, start_date="2024-04-01")
    names = {u.username for u in pack_recipients(gathered(demo))}
    assert {"business.manager", "chair", "member"} <= names
    assert "contributor" not in names and "scrutineer" not in names


def test_circulating_records_each_recipient_and_mails_a_link(demo, django_capture_on_commit_callbacks):
    """One distribution per recipient with the PDF's SHA-256; the review moves on; mail names no child."""
    review = gathered(demo)
    with django_capture_on_commit_callbacks(execute=True):
        rows = rapid_review_pack_circulate(actor=demo["admin"], review=review)
    review.refresh_from_db()
    assert review.status == "pack_circulated"
    assert PackDistribution.objects.filter(rapid_review=review).count() == len(rows) >= 3
    assert {r.pack_sha256 for r in rows} == {sha256(pack_pdf(review))}  # a later copy is the same document
    assert len(mail.outbox) == len({address for m in mail.outbox for address in m.to}) >= 1  # one each
    assert all("Child A" not in m.body and REAL_NAME not in m.body for m in mail.outbox)
    event = AuditEvent.objects.filter(target_id=str(review.pk), changes__has_key="pack_sha256").get()
    assert event.changes["pack_sha256"][1] == rows[0].pack_sha256


def test_no_returns_no_pack(demo):
    """With no return or nil return yet, circulating is refused and nothing changes."""
    review = record(demo).rapid_review
    rapid_review_transition(actor=demo["admin"], review=review, to="gathering")
    with pytest.raises(ValidationError, match="No agency has returned information yet"):
        rapid_review_pack_circulate(actor=demo["admin"], review=review)
    assert RapidReview.objects.get(pk=review.pk).status == "gathering"
    assert not PackDistribution.objects.exists()


def test_second_circulation_is_refused(demo):
    """A double click does not send the pack twice."""
    review = circulated(demo)
    count = PackDistribution.objects.count()
    with pytest.raises(ValidationError):
        rapid_review_pack_circulate(actor=demo["admin"], review=review)
    assert PackDistribution.objects.count() == count


@pytest.mark.parametrize("username, status", [("chair", 200), ("member", 200), ("business.manager", 200),
                                              ("contributor", 404), ("scrutineer", 404)])
def test_pack_download_is_for_those_it_was_sent_to(demo, client, username, status):
    """Recipients download the pack (audited as a download); a contributor and others get 404."""
    review = circulated(demo)
    sign_in(client, User.objects.get(username=username))
    response = client.get(reverse("reviews:pack_download", args=[review.pk]))
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf"
        assert AuditEvent.objects.filter(verb="downloaded", target_id=str(review.pk),
                                         actor_label=username).exists()


def test_circulate_page_lists_recipients_and_circulates(demo, client):
    """The business team sees who will receive the pack, and circulating redirects to the review."""
    review = gathered(demo)
    sign_in(client, demo["admin"])
    url = reverse("reviews:pack_circulate", args=[review.pk])
    assert "Imogen Tate" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert RapidReview.objects.get(pk=review.pk).status == "pack_circulated"


def test_seat_without_a_role_does_not_receive_the_pack(demo):
    """A group member whose sign-in holds no role that reads case material is not sent a link they cannot open."""
    from casereview.accounts.models import User
    from casereview.partnerships.models import Membership
    from casereview.reviews.pack import pack_recipients

    review = record(demo)
    seat = Membership.objects.filter(group=review.rapid_review.group, person__user__isnull=True).first()
    outsider = User.objects.create_user(username="norole", email="norole@example.test", password="x" * 16)
    seat.person.user = outsider
    seat.person.save(update_fields=["user"])
    assert outsider not in pack_recipients(review.rapid_review)
