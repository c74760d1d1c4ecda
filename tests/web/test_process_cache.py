"""Results remembered in the process (casereview.web.process_cache) are used again only while no record has
changed: any audited write makes them stale, a read does not, and nothing is remembered inside a transaction."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction

from casereview.accounts.models import User
from casereview.audit.models import ChainHead
from casereview.audit.services import audit_read, audit_record
from casereview.audit.vocabulary import Verb
from casereview.learning import similar_selectors
from casereview.learning.review_other_services import other_review_create
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Partnership
from casereview.web import process_cache
from casereview.web.process_cache import remembered
from tests.learning.similar_corpus import UNRELATED, load_corpus


class Counter:
    def __init__(self):
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return f"result {self.calls}"


def _write(partnership):
    with transaction.atomic():
        audit_record(actor=None, verb=Verb.UPDATED, target=partnership, system="test")


@pytest.mark.django_db(transaction=True)
def test_a_result_is_used_again_until_a_record_changes():
    partnership = Partnership.objects.create(name="Cache Test Partnership", short_name="CTP")
    _write(partnership)
    compute = Counter()
    assert remembered("test", partnership.pk, compute) == "result 1"
    assert remembered("test", partnership.pk, compute) == "result 1"
    assert compute.calls == 1

    audit_read(actor=None, target=partnership)  # a read changes nothing
    assert remembered("test", partnership.pk, compute) == "result 1"

    _write(partnership)
    assert remembered("test", partnership.pk, compute) == "result 2"
    assert compute.calls == 2


@pytest.mark.django_db(transaction=True)
def test_a_partnerships_result_outlives_writes_in_another_partnership_only():
    ours = Partnership.objects.create(name="Cache Test Partnership", short_name="CTP")
    theirs = Partnership.objects.create(name="Other Cache Partnership", short_name="OCP")
    compute, anywhere = Counter(), Counter()

    def remember():
        remembered("any", ours.pk, anywhere)  # names no partnership: any write makes it stale
        return remembered("test", ours.pk, compute, partnership_id=ours.pk)

    assert remember() == "result 1"
    _write(theirs)
    assert remember() == "result 1"
    assert anywhere.calls == 2
    with transaction.atomic():
        audit_record(actor=None, verb=Verb.UPDATED, system="test")  # a write of no partnership
    assert remember() == "result 2"
    _write(ours)
    assert remember() == "result 3"
    assert anywhere.calls == 4


@pytest.mark.django_db(transaction=True)
def test_the_written_head_moves_with_writes_only():
    partnership = Partnership.objects.create(name="Cache Test Partnership", short_name="CTP")
    _write(partnership)
    written = ChainHead.objects.get(id=1)
    audit_read(actor=None, target=partnership)
    after_read = ChainHead.objects.get(id=1)
    assert after_read.seq == written.seq + 1
    assert (after_read.written_seq, after_read.written_hash) == (written.seq, written.hash)
    _write(partnership)
    after_write = ChainHead.objects.get(id=1)
    assert (after_write.written_seq, after_write.written_hash) == (after_write.seq, after_write.hash)


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_never_names_a_remembered_result():
    """An event rolled back gives its number to the next one; the hash tells them apart."""
    partnership = Partnership.objects.create(name="Cache Test Partnership", short_name="CTP")
    _write(partnership)
    compute = Counter()
    remembered("test", partnership.pk, compute)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=None, verb=Verb.UPDATED, target=partnership, system="test")
        raise RuntimeError("rolled back")
    assert remembered("test", partnership.pk, compute) == "result 1"
    _write(partnership)
    assert remembered("test", partnership.pk, compute) == "result 2"


@pytest.mark.django_db
def test_nothing_is_remembered_inside_a_transaction(partnership):
    compute = Counter()
    remembered("test", partnership.pk, compute)
    remembered("test", partnership.pk, compute)
    assert compute.calls == 2


@pytest.mark.django_db(transaction=True)
def test_only_the_most_recent_keys_are_kept():
    compute = Counter()
    for key in range(process_cache.LIMIT + 1):
        remembered("test", key, compute)
    remembered("test", process_cache.LIMIT, compute)  # the newest is still held
    assert compute.calls == process_cache.LIMIT + 1
    remembered("test", 0, compute)  # the oldest was let go
    assert compute.calls == process_cache.LIMIT + 2


@pytest.mark.django_db(transaction=True)
def test_the_similar_reviews_corpus_sees_a_review_recorded_after_it_was_read(monkeypatch):
    """The corpus is read once while nothing changes; a review recorded through the service is listed on the
    very next search."""
    load_demo()
    partnership = Partnership.objects.get()
    manager = User.objects.get(username="business.manager")
    corpus = load_corpus(partnership, manager)
    reads = []
    read = similar_selectors._read_corpus
    monkeypatch.setattr(similar_selectors, "_read_corpus", lambda p: reads.append(p.pk) or read(p))
    case = corpus["cases"][UNRELATED[0]]
    _write(partnership)  # the corpus fixtures are written straight to the tables, without an audit event

    assert similar_selectors.similar_to_rapid_review(case) == []
    assert similar_selectors.similar_to_rapid_review(case) == []
    assert reads == [partnership.pk]

    other_review_create(actor=manager, partnership=partnership, kind="national", title="Falls at work sites",
                        source_body="Child Safeguarding Practice Review Panel", published_on=date(2024, 5, 1),
                        summary="An apprentice aged seventeen fell from scaffolding at a construction site; the "
                                "employer's safety equipment was faulty.")
    rows = similar_selectors.similar_to_rapid_review(case)
    assert [r["title"] for r in rows] == ["Falls at work sites"]
    assert reads == [partnership.pk, partnership.pk]
