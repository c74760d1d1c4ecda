"""Read-only view of the whole audit trail for system administrators (account events belong to no partnership)."""

from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("seq", "occurred_at", "actor_label", "verb", "target_type", "target_label", "ip_address")
    list_filter = ("verb", "target_type")
    search_fields = ("actor_label", "target_label", "target_id")
    ordering = ("-seq",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
