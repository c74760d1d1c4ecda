"""Helpers for the pack-to-close tests: a review with agency returns, and each later step through its service."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from django.utils import timezone

from casereview.meetings.services import rapid_review_meeting_record
from casereview.partnerships.models import Agency, Membership
from casereview.partnerships.selectors import membership_list
from casereview.reviews.decision_services import rapid_review_decide, rapid_review_sign_off
from casereview.reviews.models import RapidReview
from casereview.reviews.pack_services import rapid_review_pack_circulate
from casereview.reviews.requests_services import agency_requests_send, agency_return_submit
from tests.reviews.conftest import child, record

REAL_NAME = "Tamsin Oakhurst-Vale"  # fictional, kept only in the identity register
MEETING = timezone.make_aware(datetime(2026, 1, 9, 10, 0))
POLICE, HEALTH, EDUCATION = ("Northmoor Constabulary", "Northmoor and Eastbridge Integrated Care Board",
                             "Northmoor Education Service")


def gathered(demo, group="rapid", reference="SIN-2025-041", **overrides) -> RapidReview:
    """A review whose agencies were asked and returned: police and health with chronologies, education nil."""
    identity = {"full_name": REAL_NAME, "date_of_birth": date(2022, 3, 4), "address": "1 Fictional Row"}
    notification = record(demo, group, children=[child(identity=identity)], reference=reference, **overrides)
    review = notification.rapid_review
    agencies = {a.name: a for a in Agency.objects.filter(partnership=review.partnership)}
    requests = agency_requests_send(actor=demo["admin"], review=review,
                                    agencies=[agencies[POLICE], agencies[HEALTH], agencies[EDUCATION]])
    by_agency = {r.agency.name: r for r in requests}
    _return(demo, by_agency[POLICE], [("2025-12-15", "Officers attended the family home."),
                                      ("2025-03-02", "Domestic abuse report recorded.")])
    _return(demo, by_agency[HEALTH], [("2025-06-10", "Missed health visitor appointment."),
                                      ("2025-12-15", "Child A seen in the emergency department.")])
    agency_return_submit(actor=demo["admin"], request=by_agency[EDUCATION], files=[], nil_return=True,
                         data={"nil_explanation": "The child was not known to education."})
    return RapidReview.objects.get(pk=review.pk)


def _return(demo, agency_request, rows):
    data = {"involved_from": date(2025, 1, 1), "involved_to": date(2025, 12, 20),
            "key_contacts": "Duty team", "practice_episodes": f"{agency_request.agency.name} episodes.",
            "went_well": "Prompt referral.", "concerns": "Information not shared.",
            "immediate_actions": f"{agency_request.agency.name} made a safety plan.",
            "identity_considerations": "The family's first language was not English.",
            "chronology": [{"date": d, "event": e} for d, e in rows]}
    agency_return_submit(actor=demo["admin"], request=agency_request, data=data, files=[])


def circulated(demo, **kwargs) -> RapidReview:
    review = gathered(demo, **kwargs)
    rapid_review_pack_circulate(actor=demo["admin"], review=review)
    return RapidReview.objects.get(pk=review.pk)


def attendance_all(group, *, away: str | None = None, deputy_for: str | None = None) -> list[dict]:
    """Every current member present, except the seat with role key `away` (apologies) and `deputy_for`
    (whose named deputy attends instead)."""
    rows = []
    for seat in membership_list(group):
        if seat.role_key == away:
            rows.append({"person": seat.person, "status": "apologies", "attending_for": None})
        elif seat.role_key == deputy_for:
            rows += [{"person": seat.deputy, "status": "deputy", "attending_for": seat},
                     {"person": seat.person, "status": "apologies", "attending_for": None}]
        else:
            rows.append({"person": seat.person, "status": "present", "attending_for": None})
    return _once(rows)


def _once(rows):
    seen, kept = set(), []
    for row in rows:
        if row["person"].pk not in seen:
            seen.add(row["person"].pk)
            kept.append(row)
    return kept


def met(demo, review, **attendance) -> RapidReview:
    rapid_review_meeting_record(actor=demo["admin"], review=review, starts_at=MEETING, mode="virtual",
                                place="Video call", attendance=attendance_all(review.group, **attendance))
    return RapidReview.objects.get(pk=review.pk)


def decision_data(**overrides) -> dict:
    from casereview.reviews.criteria import CRITERIA

    data = {
        "immediate_actions": "A safety plan for the sibling.", "learning_so_far": "Information sharing was slow.",
        "identity_and_inequalities": "Interpreters were not used with the mother.",
        "criteria": {c.key: {"answer": "yes" if c.key in "abc" else "no", "rationale": f"Because of {c.key}."}
                     for c in CRITERIA},
        "outcome": "lcspr", "methodology": "SCIE Learning Together (systems)",
        "national_review_rationale": "Not of national importance.", "dissent": "", "escalated_to_slg": False,
    }
    return {**data, **overrides}


def decided(demo, review, **overrides) -> RapidReview:
    rapid_review_decide(actor=demo["admin"], review=review, data=decision_data(**overrides))
    return RapidReview.objects.get(pk=review.pk)


def signed(demo, review, on=date(2026, 1, 12)) -> RapidReview:
    for partner, name in [("local_authority", "Imogen Tate"), ("police", "Marcus Achterberg"),
                          ("health", "Rowan Fairweather")]:
        rapid_review_sign_off(actor=demo["admin"], review=review, partner=partner, signed_by=name, signed_on=on)
    return RapidReview.objects.get(pk=review.pk)


def seat(group, role_key) -> Membership:
    return next(m for m in membership_list(group) if m.role_key == role_key)


def poppler(tool: str) -> str:
    """The path of a poppler-utils tool; fail clearly (never skip) when it is missing."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is not installed: install poppler-utils (`make test` does this).")
    return path


def pdf_text(data: bytes, tmp_path: Path) -> str:
    source = tmp_path / "document.pdf"
    source.write_bytes(data)
    subprocess.run([poppler("pdftotext"), str(source), str(tmp_path / "document.txt")], check=True)
    return (tmp_path / "document.txt").read_text()
