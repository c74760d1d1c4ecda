"""Run background tasks in-process during tests (django-tasks' ImmediateBackend), so mail queued in the outbox
is delivered as soon as the test's on-commit callbacks run. Import the fixture into a conftest (autouse)."""

import pytest

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Deliver outbox messages at once (after commit) instead of waiting for a `db_worker`."""
    settings.TASKS = IMMEDIATE
