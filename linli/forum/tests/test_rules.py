"""Every role through every forum permission (adhocracy-plus style)."""

import pytest

from linli.forum import actions

ROLES = [
    "secretary",
    "staff",
    "leader",
    "resident",
    "housemate",
    "neighbour",
    "far_resident",
    "owners",
    "property",
    "street_staff",
    "other_staff",
    "unverified",
    "anonymous",
]
MEMBERS = {
    "secretary",
    "staff",
    "leader",
    "resident",
    "housemate",
    "neighbour",
    "far_resident",
    "owners",
}
STAFF = {"secretary", "staff"}


@pytest.mark.parametrize("who", ROLES)
def test_permissions_by_role(people, tree, topic, residents_topic, who):
    user = people[who]
    nb = tree.neighborhood
    assert user.has_perm("forum.view_topic", topic)  # public
    assert user.has_perm("forum.view_topic", residents_topic) is (who in MEMBERS | {"street_staff"})
    assert user.has_perm("forum.post", nb) is (who in MEMBERS)
    assert user.has_perm("forum.support", topic) is (who in MEMBERS)
    assert user.has_perm("forum.report", topic) is (who in MEMBERS)
    assert user.has_perm("forum.mark_best", topic) is (
        who in STAFF | {"resident"}
    )  # resident wrote it
    assert user.has_perm("forum.manage_topic", topic) is (who in STAFF)
    assert user.has_perm("forum.post_committee_topic", nb) is (who in STAFF)
    assert user.has_perm("moderation.review", nb) is (who in STAFF)


def test_hidden_topic_is_for_staff_only(people, topic):
    actions.post_set_hidden(type(topic), topic.pk, True)
    topic.refresh_from_db()
    assert not people["far_resident"].has_perm("forum.view_topic", topic)
    assert people["staff"].has_perm("forum.view_topic", topic)


def test_posting_is_rate_limited(people, tree, monkeypatch):
    from django.core.exceptions import ValidationError

    monkeypatch.setattr(actions, "POSTS_PER_HOUR", 2)
    for i in range(2):
        actions.topic_create(
            author=people["resident"], neighborhood=tree.neighborhood, title=f"t{i}", body="b"
        )
    with pytest.raises(ValidationError):
        actions.topic_create(
            author=people["resident"], neighborhood=tree.neighborhood, title="t3", body="b"
        )
    from linli.forum.models import Topic

    assert Topic.objects.count() == 2
