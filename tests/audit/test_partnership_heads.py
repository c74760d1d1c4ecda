"""The data version per partnership (casereview.audit.selectors.data_version with partnership ids): it moves with
every write in one of those partnerships or in no partnership, and with nothing else."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casereview.audit.models import ChainHead, PartnershipHead
from casereview.audit.selectors import data_version
from casereview.audit.services import audit_read, audit_record
from casereview.audit.vocabulary import Verb
from casereview.partnerships.models import Partnership

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def two():
    return (Partnership.objects.create(name="Heads Test Partnership", short_name="HTP"),
            Partnership.objects.create(name="Other Heads Partnership", short_name="OHP"))


def _apply(operation: str, ours, theirs) -> None:
    target = {"write ours": ours, "write theirs": theirs, "read ours": ours}.get(operation)
    if operation == "read ours":
        audit_read(actor=None, target=ours)
    elif operation == "rolled back write ours":
        with pytest.raises(RuntimeError), transaction.atomic():
            audit_record(actor=None, verb=Verb.UPDATED, target=ours, system="test")
            raise RuntimeError("rolled back")
    else:
        with transaction.atomic():
            audit_record(actor=None, verb=Verb.UPDATED, target=target, system="test")


# operation, moves our partnership's version, moves the version of every record
TABLE = [
    ("write ours", True, True),
    ("write theirs", False, True),
    ("write shared", True, True),
    ("read ours", False, False),
    ("rolled back write ours", False, False),
]


@pytest.mark.parametrize(("operation", "ours_moves", "all_moves"), TABLE)
def test_what_moves_which_version(two, operation, ours_moves, all_moves):
    ours, theirs = two
    _apply("write ours", ours, theirs)
    _apply("write theirs", ours, theirs)
    before_ours, before_all = data_version([ours.pk]), data_version()
    _apply(operation, ours, theirs)
    assert (data_version([ours.pk]) != before_ours) is ours_moves
    assert (data_version() != before_all) is all_moves


def test_the_heads_name_the_latest_write_of_their_partnership(two):
    ours, theirs = two
    _apply("write ours", ours, theirs)
    _apply("write theirs", ours, theirs)
    _apply("read ours", ours, theirs)
    head = ChainHead.objects.get(id=1)
    latest = {h.partnership_id: h for h in PartnershipHead.objects.all()}
    assert latest[theirs.pk].written_seq == head.written_seq == head.seq - 1
    assert latest[ours.pk].written_seq == head.written_seq - 1
    assert (head.shared_seq, head.shared_hash) == (0, "0" * 64)
    _apply("write shared", ours, theirs)
    head.refresh_from_db()
    assert (head.shared_seq, head.shared_hash) == (head.seq, head.hash)


def test_a_partnership_never_written_is_named_in_the_version(two):
    """Gaining or losing a role changes the partnerships asked about, so the version too."""
    ours, theirs = two
    _apply("write ours", ours, theirs)
    assert data_version([ours.pk]) != data_version([ours.pk, theirs.pk])
    assert data_version([theirs.pk, ours.pk, ours.pk]) == data_version([ours.pk, theirs.pk])


def test_no_version_inside_a_transaction(two):
    with transaction.atomic():
        assert data_version([two[0].pk]) is None
        assert data_version() is None


OPERATIONS = [row[0] for row in TABLE]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(OPERATIONS), min_size=1, max_size=8))
def test_our_version_moves_exactly_when_we_or_no_partnership_are_written(two, operations):
    ours, theirs = two
    seen = {data_version([ours.pk])}
    for operation in operations:
        before = data_version([ours.pk])
        _apply(operation, ours, theirs)
        after = data_version([ours.pk])
        moves = operation in ("write ours", "write shared")
        assert (after != before) is moves
        # A version once left is never seen again (a rolled-back event's number is reused, its hash is not).
        assert (after in seen) is not moves
        seen.add(after)
