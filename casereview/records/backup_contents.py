"""What a backup holds: which models, in what order, and the state of the migrations.

Everything in the database is backed up except what `migrate` rebuilds (content types and permissions,
referred to by natural key) and sessions (everyone signs in again after a restore).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from django.apps import apps
from django.core import serializers
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

SKIPPED = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


def backed_up_models() -> list:
    """Every concrete model whose rows a backup holds, in an order that loads cleanly."""
    chosen = [m for m in apps.get_models()
              if m._meta.managed and not m._meta.proxy and m._meta.label_lower not in SKIPPED]
    by_app: dict = {}
    for model in chosen:
        by_app.setdefault(apps.get_app_config(model._meta.app_label), []).append(model)
    return serializers.sort_dependencies(by_app.items(), allow_cycles=True)


def migration_state() -> dict[str, list[str]]:
    """The migrations applied to this database, per app, sorted."""
    state: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        state.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(state.items())}


def app_version() -> str:
    try:
        return version("casereview")
    except PackageNotFoundError:
        return "unknown"


def non_empty_models() -> list[str]:
    """The backed-up models that already hold rows here (a restore needs none)."""
    return [m._meta.label for m in backed_up_models() if m._base_manager.exists()]
