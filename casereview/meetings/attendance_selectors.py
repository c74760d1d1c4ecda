"""Reads for the attendance part of the meeting page."""

from __future__ import annotations

from datetime import date


def attendance_part(meeting, user, today: date) -> dict:
    """The attendance part of the meeting page (to be built)."""
    return {}
