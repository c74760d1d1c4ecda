"""Reads for the recommendations part of the review page."""

from __future__ import annotations

from datetime import date


def recommendations_part(review, user, today: date) -> dict:
    """The recommendations part of the review page (to be built)."""
    return {}
