"""Where the current request came from, so services can record it without being handed the request."""

from contextvars import ContextVar

client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)
