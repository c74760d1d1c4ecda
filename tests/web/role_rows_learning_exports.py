"""Role-by-URL rows for the downloads of a review's and a rapid review's recommendations (merged into EXPECTED
in test_role_urls.py). They follow the review pages: readers of all records only, anyone else a 404."""

from tests.web.role_sets import READ_ALL

ROWS: dict = {
    "learning:review_recommendations_export": ("learning_review", READ_ALL, 404, "?format=csv"),
    "learning:rapid_review_recommendations_export": ("review", READ_ALL, 404, "?format=csv"),
}
