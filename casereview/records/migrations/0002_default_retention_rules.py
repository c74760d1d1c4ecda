"""Give every existing partnership the default retention rules (new partnerships get them when created).

The defaults are written out here, not imported, so that later changes to the defaults do not rewrite history.
"""

from django.db import migrations

DEFAULTS = [
    ("notification", 15, "the date the rapid review closed, or the date the notification was received if it "
                         "never closed"),
    ("practice_review", 15, "the date the review was published, or completed, or else the date it was recorded"),
    ("meeting", 7, "the date of the meeting"),
    ("action", 7, "the date the action was closed, or the date it was set if it is still open"),
    ("document", 15, "the date the file was uploaded"),
]


def seed(apps, schema_editor):
    Partnership = apps.get_model("partnerships", "Partnership")
    RetentionRule = apps.get_model("records", "RetentionRule")
    for partnership in Partnership.objects.all():
        for record_type, years, trigger in DEFAULTS:
            RetentionRule.objects.get_or_create(partnership=partnership, record_type=record_type,
                                                defaults={"years": years, "trigger": trigger})


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0001_retention_holds_deletion_log"),
        ("partnerships", "0001_initial"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
