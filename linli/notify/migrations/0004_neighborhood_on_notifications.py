"""Notifications carry the neighborhood the news is about; older rows take the recipient's household's.

Added empty, filled for existing rows with one UPDATE … FROM per table (not row by row), then
made NOT NULL (notifications stay nullable: street-wide news has no neighborhood). No index of its own: the column is there to partition or distribute by
(docs/scaling.md)."""

import django.db.models.deletion
from django.db import migrations, models

COMMUNITY = ("community", "0004_remove_role_role_unique_role_role_unique_street_and_more")


def _field(null):
    return models.ForeignKey(
        db_index=False,
        null=null,
        blank=null,
        on_delete=django.db.models.deletion.CASCADE,
        related_name="+",
        to="community.neighborhood",
    )


class Migration(migrations.Migration):
    dependencies = [COMMUNITY, ("notify", "0003_scheduled_run")]
    operations = [
        migrations.AddField("notification", "neighborhood", _field(True)),
        migrations.RunSQL(
            "UPDATE notify_notification SET neighborhood_id = h.neighborhood_id FROM community_resident r, community_household h WHERE r.id = notify_notification.recipient_id AND h.id = r.household_id",
            migrations.RunSQL.noop,
        ),
    ]
