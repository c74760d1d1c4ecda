"""Shared set-up for the agenda, papers and interests tests: the demo partnership, meetings made directly,
invitations, and small files. (No tests here; the fixtures are imported by the test modules.)"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casereview.accounts.models import User
from casereview.meetings.agenda_services import agenda_item_add, paper_upload
from casereview.meetings.models import Invitation, Meeting
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Group, Person

LONDON = ZoneInfo("Europe/London")
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


@pytest.fixture
def demo(db, settings, tmp_path):
    """The demo partnership with both seed groups; uploaded files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path
    load_demo()
    return {
        "business": User.objects.get(username="business.manager"),
        "member": User.objects.get(username="member"),  # Devon Okafor, police member of the subgroup
        "chair": User.objects.get(username="chair"),
        "contributor": User.objects.get(username="contributor"),
        "scrutineer": User.objects.get(username="scrutineer"),
        "subgroup": Group.objects.get(name="Case Review Subgroup"),
        "rapid": Group.objects.get(name="Rapid Review Group"),
    }


def person(name: str) -> Person:
    return Person.objects.get(full_name=name)


def meeting_on(group, day: date, *, at: time = time(10, 0), kind="business", status="scheduled") -> Meeting:
    """A meeting of the group on a day (made directly: scheduling belongs to another part of the work)."""
    return Meeting.objects.create(partnership=group.partnership, group=group, kind=kind, status=status,
                                  starts_at=datetime.combine(day, at, tzinfo=LONDON), mode="virtual",
                                  link="https://meet.example.org/fictional")


def invite(meeting, *names: str) -> list[Person]:
    people = [person(n) for n in names]
    for p in people:
        Invitation.objects.create(meeting=meeting, person=p)
    return people


def pdf(name="paper.pdf", content=PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def add_item(actor, meeting, title="Item", **data):
    return agenda_item_add(actor=actor, meeting=meeting, data={"title": title, **data})


def add_paper(actor, item, title="Paper", content=PDF_BYTES):
    return paper_upload(actor=actor, item=item, title=title, file=pdf(content=content))
