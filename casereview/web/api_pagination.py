"""API pagination with bounds: a huge limit or offset in the query string must not reach the database,
where SQLite and PostgreSQL refuse integers beyond 64 bits (found by the schema fuzzer)."""

from rest_framework.pagination import LimitOffsetPagination

MAX_OFFSET = 10**9


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 200

    def get_offset(self, request) -> int:
        return min(super().get_offset(request), MAX_OFFSET)
