"""Whole pages kept for the session that saw them, while no record has changed.

A page of case material is made for one user: their access, their chosen partnership, today's date. Made again
on every visit, the busiest pages cost 10–45 ms of CPU and 10–30 queries each, so a team reloading the dashboard
or paging back and forth through the action tracker kept the server busy re-making pages that had not changed.

A page kept here is served again only:
- to the same session (the same user, the same session contents — the chosen partnership, the two-factor state —
  and the same CSRF secret, so the tokens in its forms stay valid), for the same address, on the same day;
- at the same data version (casereview.audit.selectors.data_version): any audited write anywhere makes every
  kept page stale, in every process, at once.

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
from django.http import HttpResponse
from django.utils import timezone

from casereview.audit.selectors import chain_state

from . import process_cache

NAME = "page"


def remembered_page(view):
    """Serve the view's page again, unchanged, while nothing it could show has changed (module docstring)."""

    @wraps(view)
    def serve(request, *args, **kwargs):
        key = _key(request)
        state = chain_state() if key is not None else None
        if state is None:
            return view(request, *args, **kwargs)
        held = process_cache.recall(NAME, key, state[1])
        if held is not process_cache.MISSING:
            status, headers, content = held
            return HttpResponse(content, status=status, headers=headers)
        response = view(request, *args, **kwargs)
        # Read again after the view: if any event was recorded meanwhile (this request's own read, or another
        # request's write), the page is not kept.
        if _keepable(request, response) and chain_state() == state:
            process_cache.keep(NAME, key, state[1], (response.status_code, dict(response.headers.items()),
                                                      response.content), limit=settings.PAGE_CACHE_ENTRIES)
        return response

    return serve


def _key(request) -> str | None:
    if request.method != "GET" or settings.PAGE_CACHE_ENTRIES <= 0:
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
