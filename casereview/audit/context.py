"""Where the current request came from, so services can record it without being handed the request."""

from contextvars import ContextVar

client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)

# How many events this thread of work has recorded: a page is kept (casereview.web.page_cache) only if its own
# request recorded none (a read of case material is logged on every visit, so that page must be made every time).
events_recorded: ContextVar[int] = ContextVar("events_recorded", default=0)
