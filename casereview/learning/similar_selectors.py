"""Reads for the similar part of the review page."""

from __future__ import annotations

from datetime import date


def similar_part(review, user, today: date) -> dict:
    """The similar part of the review page (to be built)."""
    return {}
