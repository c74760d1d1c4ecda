"""Whole pages kept for the session that saw them, while no record has changed.

A page of case material is made for one user: their access, their chosen partnership, today's date. Made again
on every visit, the busiest pages cost 10–45 ms of CPU and 10–30 queries each, so a team reloading the dashboard
or paging back and forth through the action tracker kept the server busy re-making pages that had not changed.

A page kept here is served again only:
- to the same session (the same user, the same session contents — the chosen partnership, the two-factor state —
  and the same CSRF secret, so the tokens in its forms stay valid), for the same address, on the same day;
- at the same data version of the user's partnerships (casereview.audit.selectors.data_version): an audited
  write in any partnership the user holds a role in, or in no partnership (their account, the calendar), makes
  their kept pages stale, in every process, at once. A system administrator's pages go stale at any write. A
  write in a partnership the user has no role in cannot change what they are shown: no page shows another
  partnership's records (tests/web/test_partnership_isolation.py), and gaining or losing a role changes the
  partnerships the version is read from.

Never kept: anything but a 200 HTML page answering a GET; a page showing a message (messages show once); a page
whose request recorded an audit event (a read of case material is logged on every visit), changed the session or
set a cookie; a page made inside a transaction; a page for a client that sent no CSRF cookie (its forms would
carry a token for a secret minted in that very response).

Access is decided by the view before a page is first kept. A change of access is an audited write, or ends the
session, so it makes the page stale. Only views decorated with `remembered_page` take part: each is a read-only
page whose content comes from records written through the services (see docs/architecture.md).
"""

from __future__ import annotations

import hashlib
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection
from django.http import HttpResponse
from django.utils import timezone

from casereview.audit.context import events_recorded
from casereview.audit.selectors import data_version
from casereview.partnerships.access import partnership_ids_for

from . import process_cache

NAME = "page"


def remembered_page(view):
    """Serve the view's page again, unchanged, while nothing it could show has changed (module docstring)."""

    @wraps(view)
    def serve(request, *args, **kwargs):
        key = _key(request)
        version = data_version(partnership_ids_for(request.user)) if key is not None else None
        if version is None:
            return view(request, *args, **kwargs)
        held = process_cache.recall(NAME, key, version)
        if held is not process_cache.MISSING:
            status, headers, content = held
            return HttpResponse(content, status=status, headers=headers)
        recorded = events_recorded.get()
        response = view(request, *args, **kwargs)
        # A page whose own request recorded an event (a read of case material) is made every time. Another
        # request's write during the view needs no check: the page is kept under the version read before it, which
        # no later request will read again.
        if _keepable(request, response) and events_recorded.get() == recorded:
            process_cache.keep(NAME, key, version, (response.status_code, dict(response.headers.items()),
                                                      response.content), limit=settings.PAGE_CACHE_ENTRIES)
        return response

    return serve


def _key(request) -> str | None:
    if request.method != "GET" or settings.PAGE_CACHE_ENTRIES <= 0 or connection.in_atomic_block:
        return None
    user = getattr(request, "user", None)
    secret = request.META.get("CSRF_COOKIE")
    session = request.session
    if user is None or not user.is_authenticated or not secret or session.session_key is None:
        return None
    if len(get_messages(request)):  # counts without marking them shown
        return None
    parts = (session.session_key, sorted(session.items()), secret, user.pk, request.get_full_path(),
             timezone.localdate().isoformat())
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _keepable(request, response) -> bool:
    return (response.status_code == 200 and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.has_header("Content-Disposition")
            and not response.cookies and not request.session.modified)
