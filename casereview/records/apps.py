from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "casereview.records"
    label = "records"
    verbose_name = "Records management"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_save

        from casereview.partnerships.models import Partnership

        post_save.connect(_seed_rules, sender=Partnership, dispatch_uid="records.seed_retention_rules")


def _seed_rules(sender, instance, created, raw=False, **kwargs):
    """Give a new partnership the default retention rules. Not when loading data (a restore or a fixture
    brings its own rules)."""
    if created and not raw:
        from .rule_services import retention_rules_seed

        retention_rules_seed(partnership=instance)
