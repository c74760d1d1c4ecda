"""URLs for similar earlier reviews (included in the learning namespace): none of their own. The list shows on
the notification, rapid review and review pages (casereview/learning/templatetags/similar_reviews.py)."""

urlpatterns: list = []
