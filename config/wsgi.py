"""WSGI entry point."""
import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Load every view module now rather than on the first request, then move everything loaded so far (about 200,000
# objects: modules, classes, URL patterns) out of the garbage collector's sight. They live as long as the
# process, yet each full collection walked them all: about 150 ms every few requests at full scale. See
# docs/operator.md and bench/README.md.
get_resolver().url_patterns  # noqa: B018  (imports the URLconf and every view it names)
gc.freeze()
