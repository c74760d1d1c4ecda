"""Circulating the collated pack to those entitled to it, and handing out copies."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from casereview.audit.services import audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.lifecycle import RapidReviewStatus
from casereview.partnerships.access import require_administer
from casereview.web.mail import notice_send

from .models import AgencyReturn, PackDistribution, RapidReview
from .pack import pack_entitled, pack_pdf, pack_recipients, sha256
from .services import _transition


@transaction.atomic
def rapid_review_pack_circulate(*, actor, review) -> list[PackDistribution]:
    """Build the pack, record who it goes to with its SHA-256, move the review on, and e-mail a link on commit."""
    require_administer(actor, review.partnership)
    locked = RapidReview.objects.select_for_update().get(pk=review.pk)
    # The step is checked first, so a second click meets "already circulated" rather than a second pack.
    locked = _transition(actor, locked, RapidReviewStatus.PACK_CIRCULATED, "")
    if not AgencyReturn.objects.filter(request__rapid_review=locked).exists():
        raise ValidationError({"__all__": ["No agency has returned information yet"]})
    recipients = pack_recipients(locked)
    if not recipients:
        raise ValidationError({"__all__": ["No one is entitled to receive the pack: add the group's members first"]})
    digest = sha256(pack_pdf(locked))
    rows = PackDistribution.objects.bulk_create(
        [PackDistribution(rapid_review=locked, recipient=user, pack_sha256=digest) for user in recipients]
    )
    audit_record(actor=actor, verb=Verb.CREATED, target=locked, changes={
        "pack_sha256": [None, digest], "pack_recipients": [None, [u.get_username() for u in recipients]],
    })
    emails = sorted({u.email for u in recipients if u.email})
    transaction.on_commit(lambda: _mail_pack(locked, emails))
    return rows


def _mail_pack(review, emails: list[str]) -> None:
    """Tell recipients the pack is ready: a link only, never the child's details or the pack itself."""
    link = f"{settings.SITE_URL}{reverse('reviews:detail', args=[review.pk])}"
    notice_send(
        subject=f"Rapid review pack ready: {review.notification.reference}",
        message=(f"The collated pack for rapid review {review.notification.reference} ({review.group.name}) is "
                 f"ready for the meeting.\n\nSign in to read it: {link}\n\n"
                 "Please do not download it to a shared or personal device."),
        recipients=emails, about=f"the pack of review {review.pk}",
    )


def rapid_review_pack_download(*, actor, review) -> bytes:
    """Return the pack for someone entitled to it, recording the download with the copy's SHA-256.

    The PDF is made before the transaction that records the download: on SQLite a transaction holds the write
    lock from its start, and ten people downloading at once queued behind each other's rendering until some
    gave up ("database is locked")."""
    if not pack_entitled(actor, review):
        raise PermissionDenied("The pack has not been shared with you.")
    pdf = pack_pdf(review)
    with transaction.atomic():
        audit_record(actor=actor, verb=Verb.DOWNLOADED, target=review,
                     changes={"document": [None, "rapid review pack"], "sha256": [None, sha256(pdf)]})
    return pdf
