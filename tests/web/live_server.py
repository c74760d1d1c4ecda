"""A real server process on loopback for the database fault tests: a free port, and pages read with a session
cookie (so even the sign-in page reads the database, to look the session up)."""

from __future__ import annotations

import socket
import time
import urllib.error
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, str, dict]:
    """(status, body, headers) of a GET with a session cookie that matches no session."""
    request = urllib.request.Request(url, headers={"Cookie": "sessionid=no-such-session"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback only)
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def first_status(url: str, tries: int = 100) -> int:
    """The status of the first answer from a server that is starting (it refuses connections until it is up)."""
    for _ in range(tries - 1):
        try:
            return get(url)[0]
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    return get(url)[0]
