"""Reads for the record part of the review page."""

from __future__ import annotations

from datetime import date


def record_part(review, user, today: date) -> dict:
    """The record part of the review page (to be built)."""
    return {}
