"""Bad input never gives a 500: every URL, as the business team, with an empty POST and junk query strings."""

import pytest
from django.urls import reverse

from casereview.accounts.models import User
from casereview.partnerships.demo import load_demo
from casereview.partnerships.models import Partnership
from tests.conftest import sign_in

from .test_role_urls import EXPECTED, _samples, all_url_names

pytestmark = pytest.mark.django_db
JUNK = "?page=abc&a=x&b=%00&q=%27%22%3C&show=all&format=csv&add-date=31/02/2025&count-start=yesterday"


def test_no_url_gives_a_server_error_on_bad_input(client, settings, tmp_path):
    """An empty POST and a junk query string on every URL answer with something other than a 5xx."""
    settings.MEDIA_ROOT = tmp_path
    load_demo()
    samples = _samples(Partnership.objects.get())
    sign_in(client, User.objects.get(username="business.manager"))
    failures = []
    for name in sorted(all_url_names()):
        if name in {"accounts:logout"}:
            continue  # signing out would end the session the rest of the walk needs
        url = reverse(name, kwargs=samples[EXPECTED[name][0]])
        for method, target in (("get", url + JUNK), ("post", url)):
            status = getattr(client, method)(target).status_code
            if status >= 500:
                failures.append(f"{method.upper()} {target}: {status}")
    assert failures == []
