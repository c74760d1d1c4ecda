"""Shared set-up for the benchmark scripts: which database, and starting Django against it."""

from __future__ import annotations

import os
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "results"

# Scale 1.0: ten times England's ten-year volume (issue 8). Every notification opens its rapid review (as the
# service does), so there are as many rapid reviews as notifications: 40,000, not the 33,000.
# "practice_reviews" are LCSPRs; national reviews (Panel reports recorded by a partnership) come on top.
FULL_SCALE = {
    "partnerships": 131, "notifications": 40_000, "practice_reviews": 8_000, "national_reviews": 1_310,
    "recommendations": 100_000, "actions": 400_000, "action_updates": 1_000_000, "audit_events": 4_000_000,
    "users": 5_000,
}


def counts(scale: float) -> dict[str, int]:
    """The number of each kind of record at a scale (never fewer than one)."""
    return {name: max(1, round(full * scale)) for name, full in FULL_SCALE.items()}


def database_path(scale: float) -> Path:
    return BENCH_DIR / f"bench-{scale:g}.sqlite3"


def postgres_name(scale: float) -> str:
    """The PostgreSQL database of a scale, e.g. casereview_bench_0_01 (never the service's own database)."""
    return "casereview_bench_" + f"{scale:g}".replace(".", "_")


def is_bench_database(url: str) -> bool:
    """Only a bench/bench-<scale>.sqlite3 file or a PostgreSQL database named casereview_bench_<scale>."""
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).name.startswith("bench-")
    if url.startswith(("postgres://", "postgresql://")):
        return url.rsplit("/", 1)[-1].split("?")[0].startswith("casereview_bench_")
    return False


def database_label() -> str:
    """"sqlite" or "postgresql": results of the two are kept and compared apart."""
    return "sqlite" if os.environ["DATABASE_URL"].startswith("sqlite") else "postgresql"


def start_django(scale: float) -> None:
    """Point Django at the bench database (never the working db.sqlite3 or database) and set it up."""
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database_path(scale)}")
    if not is_bench_database(os.environ["DATABASE_URL"]):
        sys.exit("Refusing to run: DATABASE_URL must name a bench/bench-<scale>.sqlite3 file or a PostgreSQL "
                 "database called casereview_bench_<scale>.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
