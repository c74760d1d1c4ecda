"""Reads for the minutes part of the meeting page."""

from __future__ import annotations

from datetime import date


def minutes_part(meeting, user, today: date) -> dict:
    """The minutes part of the meeting page (to be built)."""
    return {}
