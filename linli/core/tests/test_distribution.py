"""City scale (docs/scaling.md): the large tables carry neighborhood_id, and their unique
constraints and hot indexes lead with it, so that on Citus (distributed by neighborhood) each
constraint holds inside one shard and each hot read is routed to one. A new constraint or
index on these tables either leads with the neighborhood or is named here with its reason."""

import pytest
from django.apps import apps

LARGE = [
    "decide.Ballot",
    "decide.BallotChoice",
    "consult.Response",
    "consult.Answer",
    "forum.Topic",
    "forum.Reply",
    "forum.Support",
    "office.Request",
    "notify.Notification",
]

# Read per person across neighborhoods (a street worker's inbox, someone's own posts): on Citus
# these would be served by a reference lookup or a per-person table, not by the shard key.
PER_PERSON = {
    "forum_reply_author": "a person's own replies, in every neighborhood",
    "forum_topic_author": "a person's own topics, in every neighborhood",
    "request_reporter": "a person's own requests",
    "request_category": "a category's requests (categories belong to one neighborhood)",
    "request_updated": "Open311 'updated since' across the jurisdiction",
    "notification_inbox": "a person's inbox spans the neighborhoods they serve",
    "notification_undigested": "the digest run, per person",
}


@pytest.mark.parametrize("label", LARGE)
def test_a_large_table_carries_the_neighborhood(label):
    model = apps.get_model(label)
    assert "neighborhood" in {f.name for f in model._meta.fields}


@pytest.mark.parametrize("label", LARGE)
def test_its_unique_constraints_and_hot_indexes_lead_with_the_neighborhood(label):
    model = apps.get_model(label)
    leading = []
    for c in model._meta.constraints:
        if getattr(c, "fields", None):
            leading.append((c.name, c.fields[0]))
    for i in model._meta.indexes:
        leading.append((i.name, i.fields[0].lstrip("-")))
    wrong = [name for name, first in leading if first != "neighborhood" and name not in PER_PERSON]
    assert not wrong, f"{label}: {wrong} do not lead with the neighborhood"


def test_no_unique_field_spans_neighborhoods_on_a_large_table_unless_it_must():
    must = {("office.Request", "token")}  # an Open311 token is global by its protocol
    spanning = {
        (label, f.name)
        for label in LARGE
        for f in apps.get_model(label)._meta.fields
        if f.unique and not f.primary_key
    }
    assert spanning <= must, spanning - must
