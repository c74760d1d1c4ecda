"""Time the main pages against a bench database, in-process with Django's test client.

Usage: DATABASE_URL=sqlite:///.../bench/bench-0.01.sqlite3 python bench/run.py --scale 0.01 [-n 30]
Signs in as the demo business.manager with two-factor passed, makes 3 warm-up requests then N timed ones
per page, and merges p50, p95 and SQL queries per request into bench/results/latest.json and latest.md.
Pages are made afresh for every request (the page cache, casereview/web/page_cache.py, is off here): these
figures are what making each page costs. bench/load.py measures the server as deployed, page cache on.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, database_label, start_django  # noqa: E402

WARM_UPS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("-n", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--fresh", action="store_true",
                        help="forget this database's earlier results (the first scale of a `make bench`)")
    args = parser.parse_args()
    start_django(args.scale)
    from django.conf import settings

    settings.PAGE_CACHE_ENTRIES = 0  # time the making of each page, not a page served again from memory
    signed_in = client()
    _as_the_server_starts()
    database = database_label()
    rows = [measure(signed_in, url, args.n) | {"key": key, "page": url, "scale": args.scale, "database": database}
            for key, url in labelled_pages()]
    rows += [measure(signed_in, url, args.n, before=change) | {"key": key, "page": url, "scale": args.scale,
                                                                "database": database}
             for key, url, change in after_a_change()]
    results = merge(rows, args.scale, database, fresh=args.fresh)
    table = markdown(results)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "latest.md").write_text(table)
    print(table)


# Each page is keyed by a label that stays the same from one database to the next (pks differ), so the
# ratio between scales compares like with like. The order here is the order of the table.
KEYS = [
    "/", "/reviews/", "/reviews/?show=all", "/reviews/<pk>/", "/reviews/<pk>/ (similar earlier reviews)",
    "/api/v1/rapid-reviews/", "/actions/", "/actions/?overdue=1&page=2", "/actions/?overdue=1",
    "/learning/tracker/", "/learning/reviews/", "/learning/reviews/<pk>/", "/meetings/",
    "/actions/<pk>/", "/partnership/groups/<pk>/terms/", "/audit/", "/learning/identity/",
    "/reviews/<pk>/pack/ (PDF)", "/reviews/<pk>/submission.pdf", "/actions/?format=csv (every action)",
    "/healthz",
    "/reviews/<pk>/ (similar, after a change)", "/learning/tracker/ (after a change)",
    "/reviews/<pk>/ (similar, after a change elsewhere)", "/learning/tracker/ (after a change elsewhere)",
]
PER_PAGE = 25  # the action tracker's page size (casereview/actions/views.py)


def labelled_pages() -> list[tuple[str, str]]:
    """(key, url) for each page measured, all of the demo partnership that business.manager works in:
    - the rapid review page of its earliest-received closed case (decided, sent to the Panel; few or no earlier
      reviews to compare it with) and of its latest-received case (the "similar earlier reviews" search then
      runs over nearly all the partnership's reviews);
    - the action tracker, and its overdue actions on page 2 (page 1 when there are not enough for two pages);
    - the learning tracker and review list, and the page of its latest generated practice review;
    - one action's page (the latest generated action with updates), the Rapid Review Group's terms of reference,
      the audit trail, the identity register, the earliest closed case's PDF pack and Panel submission (PDF), and
      the action tracker downloaded as CSV (every action of the partnership: it grows with them by design)."""
    from django.db.models import Q
    from django.utils import timezone

    from casereview.actions.models import Action, ActionUpdate
    from casereview.actions.selectors import FINISHED
    from casereview.learning.models import Review
    from casereview.partnerships.demo import PARTNERSHIP
    from casereview.partnerships.models import Group
    from casereview.reviews.models import RapidReview

    generated = RapidReview.objects.filter(partnership__name=PARTNERSHIP, notification__reference__startswith="BENCH-")
    earliest = (generated.filter(status="closed").order_by("notification__received_date", "pk").first()
                or generated.order_by("notification__received_date", "pk").first())
    latest = generated.order_by("-notification__received_date", "-pk").first()
    practice = (Review.objects.filter(partnership__name=PARTNERSHIP, kind="lcspr", reference__startswith="LCSPR-B")
                .order_by("-decision_date", "-pk").first())
    overdue = Action.objects.filter(Q(partnership__name=PARTNERSHIP) & Q(due_date__lt=timezone.localdate())
                                    & ~Q(status__in=FINISHED)).count()
    overdue_page = ("/actions/?overdue=1&page=2", "/actions/?overdue=1&page=2") if overdue > PER_PAGE \
        else ("/actions/?overdue=1", "/actions/?overdue=1")
    pages = [("/", "/"), ("/reviews/", "/reviews/"), ("/reviews/?show=all", "/reviews/?show=all"),
             ("/reviews/<pk>/", f"/reviews/{earliest.pk}/"),
             ("/reviews/<pk>/ (similar earlier reviews)", f"/reviews/{latest.pk}/"),
             ("/api/v1/rapid-reviews/", "/api/v1/rapid-reviews/"), ("/actions/", "/actions/"), overdue_page,
             ("/learning/tracker/", "/learning/tracker/"), ("/learning/reviews/", "/learning/reviews/")]
    if practice is not None:
        pages.append(("/learning/reviews/<pk>/", f"/learning/reviews/{practice.pk}/"))
    pages.append(("/meetings/", "/meetings/"))
    action = (ActionUpdate.objects.filter(action__partnership__name=PARTNERSHIP).order_by("-action_id")
              .values_list("action_id", flat=True).first())
    if action is not None:
        pages.append(("/actions/<pk>/", f"/actions/{action}/"))
    group = Group.objects.filter(partnership__name=PARTNERSHIP, kind="rapid_review_group").order_by("pk").first()
    pages += [("/partnership/groups/<pk>/terms/", f"/partnership/groups/{group.pk}/terms/"),
              ("/audit/", "/audit/"), ("/learning/identity/", "/learning/identity/"),
              ("/reviews/<pk>/pack/ (PDF)", f"/reviews/{earliest.pk}/pack/"),
              ("/reviews/<pk>/submission.pdf", f"/reviews/{earliest.pk}/submission.pdf"),
              ("/actions/?format=csv (every action)", "/actions/?format=csv")]
    return pages + [("/healthz", "/healthz")]


def after_a_change() -> list[tuple[str, str, object]]:
    """Pages whose partnership-wide reads are remembered until a record changes (casereview.web.process_cache),
    timed as the first visit after a change: before each request, `_a_change` records an audited write in the
    demo partnership (what the page remembers is read again), `_a_change_elsewhere` one in another partnership
    (a partnership's data version does not move: the page should cost what it costs unchanged)."""
    from casereview.partnerships.demo import PARTNERSHIP
    from casereview.partnerships.models import Partnership

    pages = dict(labelled_pages())
    similar, tracker = pages["/reviews/<pk>/ (similar earlier reviews)"], pages["/learning/tracker/"]
    rows = [("/reviews/<pk>/ (similar, after a change)", similar, _a_change),
            ("/learning/tracker/ (after a change)", tracker, _a_change)]
    if Partnership.objects.exclude(name=PARTNERSHIP).exists():  # none at the smallest scales
        rows += [("/reviews/<pk>/ (similar, after a change elsewhere)", similar, _a_change_elsewhere),
                 ("/learning/tracker/ (after a change elsewhere)", tracker, _a_change_elsewhere)]
    return rows


def _a_change(elsewhere: bool = False) -> None:
    """An audited write (a "benchmark" system event on the demo partnership, or on another), as any change of a
    record is."""
    from django.db import transaction

    from casereview.audit.services import audit_record
    from casereview.audit.vocabulary import Verb
    from casereview.partnerships.demo import PARTNERSHIP
    from casereview.partnerships.models import Partnership

    chosen = (Partnership.objects.exclude(name=PARTNERSHIP).order_by("pk") if elsewhere
              else Partnership.objects.filter(name=PARTNERSHIP))
    with transaction.atomic():
        audit_record(actor=None, verb=Verb.UPDATED, target=chosen.first(),
                     system="benchmark", changes={"benchmark": [None, "a change before a timed request"]})


def _a_change_elsewhere() -> None:
    _a_change(elsewhere=True)


def _as_the_server_starts() -> None:
    """Load the URLconf and freeze what is loaded out of the garbage collector's sight, as config/wsgi.py does
    when a server process starts, so the in-process timings see the collector as the server does."""
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018
    gc.freeze()


def pages() -> list[str]:
    """The URLs measured (bench/load.py drives the same pages under wrk)."""
    return [url for _key, url in labelled_pages()]


def client():
    """A test client signed in as business.manager, two-factor passed (as tests/conftest.py::sign_in does)."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from casereview.accounts.models import User

    user = User.objects.get(username="business.manager")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    signed_in = Client()
    signed_in.force_login(user)
    session = signed_in.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return signed_in


def measure(signed_in, url: str, n: int, before=None) -> dict:
    """p50 and p95 of n requests (after warm-ups), and the SQL queries each made. Also the p50 of the CPU time
    this process spent on each (SQLite runs in-process, so that includes the database): unlike the elapsed time,
    it hardly moves when other jobs share the machine, so it is the steadier guide to growth between scales."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UPS):
        _get(signed_in, url)
    times, cpu, queries = [], [], []
    for _ in range(n):
        if before is not None:
            before()  # not timed
        with CaptureQueriesContext(connection) as captured:
            began, began_cpu = time.perf_counter(), time.process_time()
            _get(signed_in, url)
            times.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        queries.append(len(captured.captured_queries))
    return {"n": n, "p50_ms": round(statistics.median(times), 1), "p95_ms": round(_p95(times), 1),
            "cpu_p50_ms": round(statistics.median(cpu), 1), "queries": max(queries)}


def _get(signed_in, url: str) -> None:
    response = signed_in.get(url)
    if response.streaming:  # a download is timed until its last byte is made
        b"".join(response.streaming_content)
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}: the benchmark measures only successful pages.")


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]


def merge(rows: list[dict], scale: float, database: str = "sqlite", *, fresh: bool = False) -> dict:
    """Replace this scale's rows on this database in latest.json (all this database's rows when `fresh`), keep
    the others, and recompute the ratios (per database: SQLite is never compared with PostgreSQL)."""
    path = RESULTS / "latest.json"
    old = json.loads(path.read_text())["rows"] if path.exists() else []
    kept = [r for r in old if _database(r) != database or (not fresh and r["scale"] != scale)]
    rows = sorted(kept + rows, key=lambda r: (_database(r) != "sqlite", r["scale"], _order(r)))
    return {"rows": rows, "ratios": [ratio for db in _databases(rows)
                                      for ratio in ratios([r for r in rows if _database(r) == db])]}


def _database(row: dict) -> str:
    return row.get("database", "sqlite")  # rows from before PostgreSQL was measured are SQLite's


def _databases(rows: list[dict]) -> list[str]:
    return sorted({_database(r) for r in rows}, key=lambda db: db != "sqlite")


def _order(row: dict) -> int:
    key = _page_key(row)
    return KEYS.index(key) if key in KEYS else len(KEYS)


def ratios(rows: list[dict]) -> list[dict]:
    """Per page, p50 at the largest scale run divided by p50 at the smallest (1.0 means no growth), and the
    queries at each (the same number means the page's queries do not grow with the data)."""
    scales = sorted({r["scale"] for r in rows})
    if len(scales) < 2:
        return []
    small = {_page_key(r): r for r in rows if r["scale"] == scales[0]}
    large = {_page_key(r): r for r in rows if r["scale"] == scales[-1]}
    return [{"key": key, "page": large[key]["page"], "database": _database(large[key]),
             "from_scale": scales[0], "to_scale": scales[-1],
             "p50_ratio": round(large[key]["p50_ms"] / small[key]["p50_ms"], 2),
             **({"cpu_p50_ratio": round(large[key]["cpu_p50_ms"] / small[key]["cpu_p50_ms"], 2)}
                if small[key].get("cpu_p50_ms") and "cpu_p50_ms" in large[key] else {}),
             "queries": [small[key]["queries"], large[key]["queries"]]}
            for key in large if key in small]


def _page_key(row: dict) -> str:
    """The row's stable key; rows written before keys were stored compare a review page's pk as one page."""
    if "key" in row:
        return row["key"]
    page = row["page"]
    return "/reviews/<pk>/" if page.startswith("/reviews/") and page.rstrip("/").split("/")[-1].isdigit() else page


def markdown(results: dict) -> str:
    lines = ["| page | database | scale | p50 (ms) | p95 (ms) | CPU p50 (ms) | queries |",
             "|---|---|---:|---:|---:|---:|---:|"]
    lines += [f"| `{_page_key(r)}` | {_database(r)} | {r['scale']:g} | {r['p50_ms']} | {r['p95_ms']} | "
              f"{r.get('cpu_p50_ms', '—')} | {r['queries']} |" for r in results["rows"]]
    if results["ratios"]:
        lines += ["", "| page | database | p50 ratio | CPU p50 ratio | queries |", "|---|---|---:|---:|---:|"]
        lines += [f"| `{r.get('key') or _page_key(r)}` | {_database(r)} | {r['p50_ratio']} | "
                  f"{r.get('cpu_p50_ratio', '—')} | "
                  + (f"{r['queries'][0]} → {r['queries'][1]} |" if "queries" in r else "— |")
                  for r in results["ratios"]]
        spans = sorted({(_database(r), r["from_scale"], r["to_scale"]) for r in results["ratios"]})
        lines += ["", "Ratios are " + "; ".join(f"{db}: scale {to:g} over scale {fr:g}" for db, fr, to in spans)
                  + "; queries are the most any one request made, smallest scale → largest."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
