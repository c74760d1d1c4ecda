"""On PostgreSQL the server keeps each thread's connection between requests (DB_CONN_MAX_AGE, 60 s by default)
and checks it before use: when the database server drops it (a restart, a failover, an idle timeout), the next
request reconnects by itself instead of failing. A real gunicorn and the real server's pg_terminate_backend."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.web.live_server import first_status, free_port, get

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # SQLite has no server to drop a connection (and keeps none open): tests/web/test_database_outage.py covers it.
    pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
                       reason="a server-side disconnect needs PostgreSQL (run by .ci/run's PostgreSQL pass)"),
]


def _status(url: str) -> int:
    return get(url)[0]


def _server_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND pid <> pg_backend_pid() AND backend_type = 'client backend'")
        return cursor.fetchone()[0]


def test_a_connection_dropped_by_the_server_is_replaced_on_the_next_request():
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "false", "DJANGO_SETTINGS_MODULE": "config.settings"}
    env.pop("DB_CONN_MAX_AGE", None)  # the default under test
    port = free_port()
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    server = subprocess.Popen([gunicorn, "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "1",
                               "config.wsgi:application"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    page = f"http://127.0.0.1:{port}/accounts/sign-in/"
    try:
        assert first_status(page) == 200
        assert _status(page) == 200
        assert _server_connections() == 1  # kept between the two requests

        with connection.cursor() as cursor:
            cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                           "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                           "AND backend_type = 'client backend'")
            assert cursor.fetchone()[0] == 1
        for _ in range(50):  # the backend takes a moment to go
            if _server_connections() == 0:
                break
            time.sleep(0.1)

        assert _status(page) == 200  # not 503: the dead connection was noticed and replaced
        assert _server_connections() == 1
    finally:
        server.terminate()
        server.wait(timeout=10)
