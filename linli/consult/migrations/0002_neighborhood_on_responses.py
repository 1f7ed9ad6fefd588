"""Responses and answers carry the consultation's neighborhood_id.

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
    dependencies = [COMMUNITY, ("consult", "0001_initial")]
    operations = [
        migrations.AddField("response", "neighborhood", _field(True)),
        migrations.AddField("answer", "neighborhood", _field(True)),
        migrations.RunSQL(
            "UPDATE consult_response SET neighborhood_id = c.neighborhood_id FROM consult_consultation c WHERE c.id = consult_response.consultation_id",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(
            "UPDATE consult_answer SET neighborhood_id = r.neighborhood_id FROM consult_response r WHERE r.id = consult_answer.response_id",
            migrations.RunSQL.noop,
        ),
        migrations.AlterField("response", "neighborhood", _field(False)),
        migrations.AlterField("answer", "neighborhood", _field(False)),
    ]
