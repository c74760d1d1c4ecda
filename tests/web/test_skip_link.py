"""Every page opens with the GOV.UK skip link to the main content (WCAG 2.4.1, bypass blocks). It is written
out in the base template rather than rendered by a component library on each request."""

import re


def test_the_skip_link_comes_first_and_its_target_exists(business_client):
    html = business_client.get("/").content.decode()
    body = html.split("<body", 1)[1]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert 'class="govuk-skip-link"' in first_link and 'href="#main-content"' in first_link
    assert 'data-module="govuk-skip-link"' in first_link
    assert 'id="main-content"' in html
    assert body.index("govuk-skip-link") < body.index('class="govuk-header"')
