"""Ballots and their choices carry the decision's neighborhood_id.

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
    dependencies = [COMMUNITY, ("decide", "0007_ballot_receipts")]
    operations = [
        migrations.AddField("ballot", "neighborhood", _field(True)),
        migrations.AddField("ballotchoice", "neighborhood", _field(True)),
        migrations.RunSQL(
            "UPDATE decide_ballot SET neighborhood_id = d.neighborhood_id FROM decide_decision d WHERE d.id = decide_ballot.decision_id",
            migrations.RunSQL.noop,
        ),
        migrations.RunSQL(
            "UPDATE decide_ballotchoice SET neighborhood_id = d.neighborhood_id FROM decide_decision d WHERE d.id = decide_ballotchoice.decision_id",
            migrations.RunSQL.noop,
        ),
        migrations.AlterField("ballot", "neighborhood", _field(False)),
        migrations.AlterField("ballotchoice", "neighborhood", _field(False)),
    ]
