"""PIPL: export what the forum holds about a person; deletion keeps posts, removes supports with counts kept right."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from linli.forum import actions, privacy
from linli.forum.models import Support


def test_export_and_anonymise(people, topic):
    actions.reply_create(author=people["neighbour"], topic=topic, body="我的回复")
    actions.support_add(person=people["neighbour"], topic=topic)
    data = privacy.export(people["neighbour"])
    assert [r["body"] for r in data["replies"]] == ["我的回复"] and len(data["supports"]) == 1
    privacy.anonymise(people["neighbour"])
    topic.refresh_from_db()
    assert topic.support_count == 0 and not Support.objects.exists()
    assert topic.replies.count() == 1  # public contributions stay


def test_reply_link_goes_to_its_page(client, people, topic):
    first = actions.reply_create(author=people["neighbour"], topic=topic, body="一")
    response = client.get(first.get_absolute_url())
    assert (
        response.status_code == 302
        and response["Location"] == f"{topic.get_absolute_url()}?sort=newest&page=1#r{first.pk}"
    )


def test_pictures_of_residents_only_topics_are_not_public(
    client, login, people, tree, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(out, "PNG")
    upload = SimpleUploadedFile("a.png", out.getvalue(), content_type="image/png")
    topic = actions.topic_create(
        author=people["resident"],
        neighborhood=tree.neighborhood,
        title="图",
        body="内部",
        visibility="residents",
        uploads=[upload],
    )
    picture = topic.images.get()
    assert client.get(picture.get_absolute_url()).status_code == 403
    response = login(people["neighbour"]).get(picture.get_absolute_url())
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


def test_deleting_an_account_takes_back_its_supports_through_the_action(people, topic):
    from linli.community.actions import resident_delete
    from linli.community.testing import PASSWORD

    actions.support_add(person=people["neighbour"], topic=topic)
    actions.support_add(person=people["far_resident"], topic=topic)
    resident_delete(person=people["neighbour"], password=PASSWORD)
    topic.refresh_from_db()
    assert topic.support_count == 1
    assert list(Support.objects.values_list("person_id", flat=True)) == [people["far_resident"].pk]
