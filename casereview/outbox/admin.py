"""Read-only views of the outbox and the deadline scans for system administrators (bodies are not shown)."""

from django.contrib import admin

from .models import DeadlineScan, OutboxMessage


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnly):
    list_display = ("created_at", "to", "subject", "status", "attempts", "next_attempt_at", "sent_at", "partnership")
    list_filter = ("status",)
    search_fields = ("to", "subject", "key")
    fields = ("key", "partnership", "to", "subject", "about", "attachment_name", "status", "attempts",
              "next_attempt_at", "last_error", "sent_at", "created_at")


@admin.register(DeadlineScan)
class DeadlineScanAdmin(ReadOnly):
    list_display = ("day", "enqueued_at", "started_at", "finished_at", "summary")
