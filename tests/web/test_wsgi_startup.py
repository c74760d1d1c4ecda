"""A server process loads every view at start and freezes what it loaded out of the garbage collector's sight
(config/wsgi.py): full collections then walk only what requests create."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_starting_the_wsgi_application_loads_the_urls_and_freezes_them():
    script = ("import gc, sys; import config.wsgi; "
              "print(gc.get_freeze_count(), 'casereview.reviews.decision_views' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings"})
    frozen, views_loaded = result.stdout.split()
    assert int(frozen) > 50_000 and views_loaded == "True"
