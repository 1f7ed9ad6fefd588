"""Supports carry their topic's neighborhood_id (replies already did).

Added empty, filled for existing rows with one UPDATE … FROM per table (not row by row), then
made NOT NULL. No index of its own: the column is there to partition or distribute by
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
    dependencies = [COMMUNITY, ("forum", "0006_search_by_neighborhood")]
    operations = [
        migrations.AddField("support", "neighborhood", _field(True)),
        migrations.RunSQL(
            "UPDATE forum_support SET neighborhood_id = t.neighborhood_id FROM forum_topic t WHERE t.id = forum_support.topic_id",
            migrations.RunSQL.noop,
        ),
        migrations.AlterField("support", "neighborhood", _field(False)),
    ]
