"""Reviews that feed learning (local practice reviews, national reviews, adult reviews, single-agency reviews,
audits), their recommendations and findings, the theme taxonomy and its tags, baselines for identity
aggregates, and spreadsheet import runs."""

from .baselines import PopulationBaseline
from .imports import ImportRun
from .recommendations import Finding, Recommendation
from .reviews import Review, Reviewer, ReviewKind, ReviewLink, ReviewMilestone
from .themes import TaxonomyVersion, Theme, ThemeTag

__all__ = [
    "Finding", "ImportRun", "PopulationBaseline", "Recommendation", "Review", "ReviewKind", "ReviewLink",
    "ReviewMilestone", "Reviewer", "TaxonomyVersion", "Theme", "ThemeTag",
]
