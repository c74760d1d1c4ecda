"""Reads for the invitations part of the meeting page."""

from __future__ import annotations

from datetime import date


def invitations_part(meeting, user, today: date) -> dict:
    """The invitations part of the meeting page (to be built)."""
    return {}
