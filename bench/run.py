"""Time the main pages against a bench database, in-process with Django's test client.

Usage: DATABASE_URL=sqlite:///.../bench/bench-0.01.sqlite3 python bench/run.py --scale 0.01 [-n 30]
Signs in as the demo business.manager with two-factor passed, makes 3 warm-up requests then N timed ones
per page, and merges p50, p95 and SQL queries per request into bench/results/latest.json and latest.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import RESULTS, start_django  # noqa: E402

WARM_UPS = 3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, required=True)
    parser.add_argument("-n", type=int, default=30, help="timed requests per page (default 30)")
    args = parser.parse_args()
    start_django(args.scale)
    signed_in = client()
    rows = [measure(signed_in, url, args.n) | {"page": url, "scale": args.scale} for url in pages()]
    results = merge(rows, args.scale)
    table = markdown(results)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2) + "\n")
    (RESULTS / "latest.md").write_text(table)
    print(table)


def pages() -> list[str]:
    from casereview.partnerships.demo import PARTNERSHIP
    from casereview.reviews.models import RapidReview

    review = RapidReview.objects.filter(partnership__name=PARTNERSHIP).order_by("pk").first()
    return ["/", "/reviews/", "/reviews/?show=all", f"/reviews/{review.pk}/", "/api/v1/rapid-reviews/", "/healthz"]


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


def measure(signed_in, url: str, n: int) -> dict:
    """p50 and p95 of n requests (after warm-ups), and the SQL queries each made."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARM_UPS):
        _get(signed_in, url)
    times, queries = [], []
    for _ in range(n):
        with CaptureQueriesContext(connection) as captured:
            began = time.perf_counter()
            _get(signed_in, url)
            times.append((time.perf_counter() - began) * 1000)
        queries.append(len(captured.captured_queries))
    return {"n": n, "p50_ms": round(statistics.median(times), 1), "p95_ms": round(_p95(times), 1),
            "queries": max(queries)}


def _get(signed_in, url: str) -> None:
    response = signed_in.get(url)
    if response.status_code != 200:
        sys.exit(f"{url} answered {response.status_code}: the benchmark measures only successful pages.")


def _p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[18] if len(times) > 1 else times[0]


def merge(rows: list[dict], scale: float) -> dict:
    """Replace this scale's rows in latest.json, keep the other scales', and recompute the ratios."""
    path = RESULTS / "latest.json"
    kept = [r for r in json.loads(path.read_text())["rows"] if r["scale"] != scale] if path.exists() else []
    rows = sorted(kept + rows, key=lambda r: (r["scale"], _order(r["page"])))
    return {"rows": rows, "ratios": ratios(rows)}


def _order(page: str) -> int:
    return ["/", "/reviews/", "/reviews/?show=all"].index(page) if page in ("/", "/reviews/", "/reviews/?show=all") \
        else 3 if page.startswith("/reviews/") else 4 if page.startswith("/api/") else 5


def ratios(rows: list[dict]) -> list[dict]:
    """Per page, p50 at the largest scale run divided by p50 at the smallest (1.0 means no growth)."""
    scales = sorted({r["scale"] for r in rows})
    if len(scales) < 2:
        return []
    small = {_page_key(r["page"]): r for r in rows if r["scale"] == scales[0]}
    large = {_page_key(r["page"]): r for r in rows if r["scale"] == scales[-1]}
    return [{"page": large[key]["page"], "from_scale": scales[0], "to_scale": scales[-1],
             "p50_ratio": round(large[key]["p50_ms"] / small[key]["p50_ms"], 2)}
            for key in large if key in small]


def _page_key(page: str) -> str:
    """The review page's pk differs between databases; compare it as one page."""
    return "/reviews/<pk>/" if page.startswith("/reviews/") and page.rstrip("/").split("/")[-1].isdigit() else page


def markdown(results: dict) -> str:
    lines = ["| page | scale | p50 (ms) | p95 (ms) | queries |", "|---|---:|---:|---:|---:|"]
    lines += [f"| `{_page_key(r['page'])}` | {r['scale']:g} | {r['p50_ms']} | {r['p95_ms']} | {r['queries']} |"
              for r in results["rows"]]
    if results["ratios"]:
        lines += ["", "| page | p50 ratio, largest / smallest scale |", "|---|---:|"]
        lines += [f"| `{_page_key(r['page'])}` | {r['p50_ratio']} ({r['to_scale']:g} / {r['from_scale']:g}) |"
                  for r in results["ratios"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
