"""Fixtures for agency request tests: files under a temporary MEDIA_ROOT, mail kept in memory, a review asked."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casereview.accounts.models import User
from casereview.partnerships.models import Agency
from casereview.reviews.requests_services import agency_requests_send
from tests.reviews.conftest import child, record

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + b"This program cannot be run"


@pytest.fixture(autouse=True)
def sandbox(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def review(demo):
    return record(demo, children=[child(pseudonym="Baby Q")]).rapid_review


@pytest.fixture
def police(demo):
    return Agency.objects.get(name="Northmoor Constabulary")


@pytest.fixture
def education(demo):
    return Agency.objects.get(name="Northmoor Education Service")


@pytest.fixture
def asked(demo, review, police, education):
    """The review's requests to the police (the demo contributor's agency) and to education."""
    created = agency_requests_send(actor=demo["admin"], review=review, agencies=[police, education])
    return {r.agency.name: r for r in created}


@pytest.fixture
def police_request(asked):
    return asked["Northmoor Constabulary"]


@pytest.fixture
def education_request(asked):
    return asked["Northmoor Education Service"]


def user(username):
    return User.objects.get(username=username)


def pdf(name="chronology.pdf"):
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")
