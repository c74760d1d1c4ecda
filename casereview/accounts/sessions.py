"""Sessions that end after SESSION_COOKIE_AGE seconds without a request, written at most once a minute.

Saving the session on every request (Django's SESSION_SAVE_EVERY_REQUEST) pushed the idle deadline forward
exactly, at the price of a write and a commit on every page view: on SQLite each took the database's write lock,
so every reader queued behind every other, and a page served from memory (casereview.web.page_cache) spent
10–30% of its time saving an unchanged session. Here a request saves the session only when its stored deadline
has fallen more than TOUCH_SECONDS behind a full idle period from now, so a user is signed out after between
SESSION_COOKIE_AGE - TOUCH_SECONDS and SESSION_COOKIE_AGE seconds without a request.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.sessions.backends import db
from django.utils import timezone

# At most a tenth of the idle period, so a short one (tests use five seconds) is still kept to within 10%.
TOUCH_SECONDS = 60


class SessionStore(db.SessionStore):
    """The database session store, remembering the idle deadline it read (SESSION_ENGINE names this module)."""

    stored_expiry = None

    def _get_session_from_db(self):
        stored = super()._get_session_from_db()
        self.stored_expiry = stored.expire_date if stored is not None else None
        return stored


def _touch_after(age: int) -> timedelta:
    return timedelta(seconds=min(TOUCH_SECONDS, age / 10))


class IdleDeadlineMiddleware:
    """Mark a read session for saving once its stored deadline is more than the touch interval old. Listed
    after SessionMiddleware, so that it runs first on the way out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        expiry = getattr(session, "stored_expiry", None)
        if expiry is not None and not session.modified and session.session_key is not None:
            age = settings.SESSION_COOKIE_AGE
            if expiry < timezone.now() + timedelta(seconds=age) - _touch_after(age):
                session.modified = True
        return response
