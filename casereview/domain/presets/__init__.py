"""Ready-made terms of reference, transcribed from published partnership documents (see shared/seeds)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PRESETS: dict[str, str] = {
    "kingston-richmond-case-review-subgroup": "kingston_richmond_case_review_subgroup_2023.json",
    "kent-rapid-review-group": "kent_rapid_review_group_2020.json",
}


def load_preset(slug: str) -> dict[str, Any]:
    """Return the raw document of preset `slug`; raise KeyError for an unknown slug."""
    return json.loads((Path(__file__).parent / PRESETS[slug]).read_text(encoding="utf-8"))
