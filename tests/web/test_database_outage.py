"""A real database fault: the server's SQLite file is taken away while it runs, then put back.

While it is gone every page answers 503 with a plain-English page and Retry-After (never a 500 or a traceback);
once it is back the same server answers normally without a restart.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.web.live_server import first_status, free_port, get

ROOT = Path(__file__).resolve().parents[2]


def test_database_outage_gives_a_clear_page_and_the_service_recovers(tmp_path):
    db = tmp_path / "outage.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}", "DJANGO_DEBUG": "false", "MEDIA_ROOT": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "config.settings"}
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)
    port = free_port()
    server = subprocess.Popen([sys.executable, "manage.py", "runserver", "--noreload", "--skip-checks",
                               f"127.0.0.1:{port}"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    page = f"http://127.0.0.1:{port}/accounts/sign-in/"
    try:
        assert first_status(page) == 200

        shutil.move(db, tmp_path / "away.sqlite3")
        db.mkdir()  # a directory where the database file was: every open fails
        status, body, headers = get(page)
        assert status == 503
        assert "Sorry, the service is unavailable" in body and "Traceback" not in body
        assert headers.get("Retry-After") == "30"

        db.rmdir()
        shutil.move(tmp_path / "away.sqlite3", db)
        status, body, _headers = get(page)
        assert status == 200 and "Sign in" in body
    finally:
        server.terminate()
        server.wait(timeout=10)
