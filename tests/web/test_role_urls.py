"""Every URL the project defines, walked as every role: each is allowed or denied as the table says.

A URL added without a row in EXPECTED fails `test_every_url_has_an_expectation`, so the table cannot
fall behind the URL map.
"""

from __future__ import annotations

from datetime import date
from importlib import import_module
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from casereview.partnerships.demo import ADMIN_USERNAME, USERS, load_demo
from casereview.partnerships.models import Agency, AgencyKind, CalendarDay, Group, Membership, Person, TermsVersion
from tests.conftest import sign_in
from tests.web.role_samples_learning import learning_samples
from tests.web.role_samples_meetings import meeting_samples
from tests.web.role_samples_outbox import outbox_samples
from tests.web.role_samples_publication import publication_samples
from tests.web.role_samples_records import records_samples
from tests.web.role_sets import ADMIN, ADMINS, ANON, CONTRIB, EVERYONE, READ_ALL, SIGNED_IN

pytestmark = pytest.mark.django_db
ROLES = sorted(EVERYONE)
USERNAMES = {role.value: username for username, _f, _l, role, _p, _a in USERS} | {ADMIN: ADMIN_USERNAME}

# url name -> (kwargs builder name, roles allowed (200), status for other signed-in roles, query string)
EXPECTED = {
    "web:dashboard": ("none", SIGNED_IN, None, ""),
    "web:accessibility": ("none", EVERYONE, None, ""),
    "web:health": ("none", EVERYONE, None, ""),
    "web:switch_partnership": ("none", set(), 405, ""),
    "accounts:login": ("none", EVERYONE, None, ""),
    "accounts:two_factor_verify": ("none", set(), 302, ""),
    "accounts:two_factor_setup": ("none", set(), 302, ""),
    "accounts:logout": ("none", set(), 405, ""),
    "accounts:password_reset": ("none", EVERYONE, None, ""),
    "accounts:password_reset_done": ("none", EVERYONE, None, ""),
    "accounts:password_reset_complete": ("none", EVERYONE, None, ""),
    "accounts:password_reset_confirm": ("reset", EVERYONE, None, ""),
    "accounts:password_change": ("none", SIGNED_IN, None, ""),
    "accounts:tokens": ("none", SIGNED_IN, None, ""),
    "accounts:token_revoke": ("token", set(), 405, ""),
    "partnerships:agency_list": ("none", SIGNED_IN, None, ""),
    "partnerships:agency_create": ("none", ADMINS, 403, ""),
    "partnerships:agency_detail": ("la_agency", READ_ALL, 404, ""),
    "partnerships:agency_edit": ("la_agency", ADMINS, None, ""),
    "partnerships:person_list": ("none", SIGNED_IN, None, ""),
    "partnerships:person_create": ("none", ADMINS, 403, ""),
    "partnerships:person_detail": ("la_person", READ_ALL, 404, ""),
    "partnerships:person_edit": ("la_person", ADMINS, None, ""),
    "partnerships:group_list": ("none", READ_ALL, 403, ""),
    "partnerships:group_create": ("none", ADMINS, 403, ""),
    "partnerships:group_detail": ("group", READ_ALL, 404, ""),
    "partnerships:group_edit": ("group", ADMINS, None, ""),
    "partnerships:membership_create": ("group_pk", ADMINS, None, ""),
    "partnerships:membership_edit": ("membership", ADMINS, None, ""),
    "partnerships:membership_end": ("membership", ADMINS, None, ""),
    "partnerships:terms_overview": ("group", READ_ALL, 404, ""),
    "partnerships:terms_version": ("terms_version", READ_ALL, 404, ""),
    "partnerships:terms_compare": ("group", READ_ALL, 404, ""),
    "partnerships:terms_edit": ("group", ADMINS, None, ""),
    "partnerships:terms_preset": ("group", ADMINS, None, ""),
    "partnerships:terms_clocks": ("group", ADMINS, None, ""),
    "partnerships:review_clock_adjust": ("group", ADMINS, None, ""),
    "audit:event_list": ("none", ADMINS, 404, ""),
    "audit:record_history": ("history", ADMINS, 404, ""),
    "calendar:calculator": ("none", SIGNED_IN, None, ""),
    "calendar:closures": ("none", SIGNED_IN, None, ""),
    "calendar:closure_add": ("none", ADMINS, 403, ""),
    "calendar:closure_remove": ("calendar_day", ADMINS, 403, ""),
    "api-root": ("none", SIGNED_IN, None, ""),
    "api-schema": ("none", SIGNED_IN, None, ""),
    "api-docs": ("none", SIGNED_IN, None, ""),
    "partnership-list": ("none", SIGNED_IN, None, ""),
    "partnership-detail": ("partnership", SIGNED_IN, None, ""),
    "agency-list": ("none", SIGNED_IN, None, ""),
    "agency-detail": ("la_agency", READ_ALL, 404, ""),
    "person-list": ("none", SIGNED_IN, None, ""),
    "person-detail": ("la_person", READ_ALL, 404, ""),
    "group-list": ("none", SIGNED_IN, None, ""),
    "group-detail": ("group", READ_ALL, 404, ""),
    "membership-list": ("none", SIGNED_IN, None, ""),
    "membership-detail": ("membership", READ_ALL, 404, ""),
    "incidents:list": ("none", READ_ALL, 403, ""),
    "incidents:create": ("none", ADMINS, 403, ""),
    "incidents:detail": ("notification", READ_ALL, 404, ""),
    "incidents:identity": ("notification", ADMINS, 404, ""),
    "incidents:ofsted_told": ("notification", ADMINS, 404, ""),
    "reviews:list": ("none", READ_ALL, 403, ""),
    "reviews:requests_send": ("review", ADMINS, None, ""),
    "reviews:my_requests": ("none", SIGNED_IN, None, ""),
    "reviews:pack_download": ("review", ADMINS, 404, ""),
    "reviews:pack_circulate": ("review", ADMINS, None, ""),
    "reviews:meeting_record": ("review", ADMINS, None, ""),
    "reviews:decide": ("review", ADMINS, None, ""),
    "reviews:sign_off": ("review", ADMINS, None, ""),
    "reviews:submission_docx": ("review", READ_ALL, 404, ""),
    "reviews:submission_pdf": ("review", READ_ALL, 404, ""),
    "reviews:submit": ("review", ADMINS, None, ""),
    "reviews:feedback": ("review", ADMINS, None, ""),
    "reviews:feedback_share": ("review", set(), 405, ""),
    "reviews:close": ("review", set(), 405, ""),
    "reviews:request_detail": ("agency_request", READ_ALL | {CONTRIB}, 404, ""),
    "reviews:request_remind": ("agency_request", set(), 405, ""),
    "reviews:return_submit": ("agency_request", ADMINS | {CONTRIB}, None, ""),
    "reviews:attachment_download": ("attachment", READ_ALL | {CONTRIB}, 404, ""),
    "reviews:detail": ("review", READ_ALL, 404, ""),
    "reviews:withdraw": ("review", ADMINS, None, ""),
    "reviews:milestone_edit": ("milestone", ADMINS, None, ""),
    "notification-list": ("none", SIGNED_IN, None, ""),
    "notification-detail": ("notification", READ_ALL, 404, ""),
    "rapidreview-list": ("none", SIGNED_IN, None, ""),
    "rapidreview-detail": ("review", READ_ALL, 404, ""),
    "calendar-add": ("none", SIGNED_IN, None, "?date=2025-12-20&days=15&direction=after"),
    "calendar-count": ("none", SIGNED_IN, None, "?start=2025-12-20&end=2026-01-14"),
    "calendar-holidays": ("none", SIGNED_IN, None, "?start=2025-12-01&end=2026-01-31"),
}
# Rows for the meetings and governance pages are kept beside their samples, one file per area.
for _path in sorted(Path(__file__).parent.glob("role_rows_*.py")):
    EXPECTED.update(import_module(f"tests.web.{_path.stem}").ROWS)
DENIED = {403, 404}


def _walk(patterns, namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns == "admin":
                continue  # Django's admin has its own staff checks; test_admin_is_for_system_administrators
            yield from _walk(entry.url_patterns, f"{namespace}{ns}:" if ns else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def all_url_names() -> set[str]:
    return set(_walk(get_resolver().url_patterns))


def test_every_url_has_an_expectation():
    """The expectation table names exactly the project's URLs: none missing, none stale."""
    names = all_url_names()
    assert names - set(EXPECTED) == set(), "URLs with no expectation"
    assert set(EXPECTED) - names == set(), "expectations for URLs that no longer exist"


def _samples(partnership):
    la_agency = Agency.objects.get(partnership=partnership, kind=AgencyKind.LA_CHILDRENS_SERVICES)
    group = Group.objects.filter(partnership=partnership).order_by("pk").first()
    day = CalendarDay.objects.create(partnership=partnership, date="2026-12-29", kind="closed", reason="Closure")
    review = _a_review(partnership)
    agency_request, attachment = _a_request_with_attachment(review)
    return {
        "none": {},
        "reset": {"uidb64": "MQ", "token": "set-password"},
        "token": {"token_id": 1},
        "partnership": {"pk": partnership.pk},
        "la_agency": {"pk": la_agency.pk},
        "la_person": {"pk": Person.objects.filter(agency=la_agency).first().pk},
        "group": {"pk": group.pk},
        "group_pk": {"group_pk": group.pk},
        "membership": {"pk": Membership.objects.filter(group=group).first().pk},
        "terms_version": {"pk": group.pk, "version": TermsVersion.objects.filter(group=group).first().version},
        "history": {"target_type": "partnerships.agency", "target_id": la_agency.pk},
        "calendar_day": {"pk": day.pk},
        "review": {"pk": review.pk},
        "notification": {"pk": review.notification_id},
        "milestone": {"pk": review.pk, "key": "returns_due"},
        "agency_request": {"pk": agency_request.pk},
        "attachment": {"pk": attachment.pk},
        **meeting_samples(partnership, review),
        **learning_samples(partnership, review),
        **publication_samples(partnership, review),
        **outbox_samples(partnership),
        **records_samples(partnership, review),
    }


def _a_review(partnership):
    """Record a fictional notification through the real service, opening a rapid review."""
    from casereview.accounts.models import User
    from casereview.incidents.services import notification_record

    group = Group.objects.get(partnership=partnership, name="Rapid Review Group")
    notification = notification_record(
        actor=User.objects.get(username="business.manager"), group=group,
        notification={"reference": "SIN-URL-1", "local_authority": "Northmoor Council",
                      "incident_date": date(2025, 12, 15), "la_aware_date": date(2025, 12, 16),
                      "sin_submitted_date": date(2025, 12, 19), "received_date": date(2025, 12, 20),
                      "nature": "serious_harm", "harm_types": [], "summary": "Fictional."},
        children=[{"pseudonym": "Child A", "age_years": 4, "sex": "male", "ethnicity": "Not known",
                   "legal_status": "not_known"}],
    )
    return notification.rapid_review


def _a_request_with_attachment(review):
    """Ask the police (the demo contributor's agency) for information, and attach a small file."""
    from django.core.files.base import ContentFile

    from casereview.accounts.models import User
    from casereview.reviews.models import Attachment
    from casereview.reviews.requests_services import agency_requests_send

    police = Agency.objects.get(partnership=review.partnership, kind=AgencyKind.POLICE)
    [agency_request] = agency_requests_send(actor=User.objects.get(username="business.manager"), review=review,
                                            agencies=[police])
    attachment = Attachment.objects.create(
        request=agency_request, file=ContentFile(b"Fictional note.", name="note.txt"), original_name="note.txt",
        content_type="text/plain", size=15, sha256="0" * 64)
    return agency_request, attachment


def _expected_status(name: str, role: str) -> set[int]:
    _kwargs, allowed, other, _query = EXPECTED[name]
    if role in allowed:
        return {200}
    if role == ANON:
        return {302, 401, 403} if name.startswith(("api", "calendar-")) or "-" in name else {302, 405}
    return {other} if other else DENIED


@pytest.mark.parametrize("role", ROLES)
def test_every_url_for_every_role(client, role, settings, tmp_path):
    """Each role gets exactly the access the table says, on every URL the project defines."""
    settings.MEDIA_ROOT = tmp_path
    load_demo()
    from casereview.partnerships.models import Partnership

    partnership = Partnership.objects.get()
    samples = _samples(partnership)
    if role != ANON:
        from casereview.accounts.models import User

        sign_in(client, User.objects.get(username=USERNAMES[role]))
    mismatches = []
    for name in sorted(all_url_names()):
        kwargs_key, _allowed, _other, query = EXPECTED[name]
        url = reverse(name, kwargs=samples[kwargs_key]) + query
        status = client.get(url).status_code
        if status not in _expected_status(name, role):
            mismatches.append(f"{name} {url}: got {status}, expected {sorted(_expected_status(name, role))}")
    assert mismatches == []


def test_admin_is_for_system_administrators(client):
    """Django's admin opens for the system administrator and for no partnership role."""
    load_demo()
    from casereview.accounts.models import User

    for username, expected in [(ADMIN_USERNAME, 200), ("business.manager", 302)]:
        sign_in(client, User.objects.get(username=username))
        assert client.get("/admin/").status_code == expected
