"""Django's {# #} comments end on the line they start: one spread over two lines is printed on the page. The base
template once showed such a comment at the top of every page."""

import re
from pathlib import Path

import casereview

TEMPLATES = sorted(Path(casereview.__file__).parent.glob("**/templates/**/*.html"))


def test_every_template_comment_ends_on_its_own_line():
    assert TEMPLATES
    spread = [f"{path.relative_to(Path(casereview.__file__).parent)}:{number}"
              for path in TEMPLATES
              for number, line in enumerate(path.read_text().splitlines(), start=1)
              if "{#" in line and "#}" not in line[line.index("{#"):]]
    assert spread == []


def test_no_comment_reaches_the_page(business_client):
    html = business_client.get("/").content.decode()
    assert not re.search(r"\{#|#\}", html)
