"""Values every page needs: the service name, the current partnership and the navigation."""

from django.conf import settings
from django.urls import reverse

from casereview.partnerships.access import current_partnership, navigation_for


def service(request):
    user = getattr(request, "user", None)
    context = {"service_name": settings.SERVICE_NAME, "current_partnership": None, "service_navigation": []}
    if user is None or not user.is_authenticated or not getattr(user, "is_verified", lambda: False)():
        return context
    partnership = current_partnership(request)
    items = navigation_for(user, partnership)
    # Only the most specific matching item is current: /meetings/governance/ is Governance, not Meetings too.
    dashboard = reverse("web:dashboard")
    matching = [item for item in items if request.path == item["href"]
                or (item["href"] != dashboard and request.path.startswith(item["href"]))]
    best = max(matching, key=lambda item: len(item["href"]), default=None)
    for item in items:
        item["current"] = item is best
    context.update(current_partnership=partnership, service_navigation=items)
    return context
