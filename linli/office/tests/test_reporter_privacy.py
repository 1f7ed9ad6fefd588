"""Personal data by need: the reporter's real name, phone and room reach only who needs them."""

from django.urls import reverse

NAME, PHONE, ROOM = "张三", "13811112222", "1-1-101"


def _shows(body):
    return {f for f, s in (("name", NAME), ("phone", PHONE), ("room", ROOM)) if s in body}


def test_owners_committee_cannot_open_a_private_request_it_is_not_assigned(login, people, submit):
    r = submit(public=False)  # a lift repair: the property manager's
    client = login(people["owners"])
    body = client.get(reverse("office:request-list", args=["nb"])).content.decode()
    assert r.get_absolute_url() not in body and not _shows(body)
    assert client.get(r.get_absolute_url()).status_code in (403, 404)
    assert client.get(f"/api/v1/requests/{r.pk}").status_code in (403, 404)


def test_assigned_property_manager_sees_the_room_but_not_the_name_nor_an_unshared_phone(
    login, people, submit
):
    r = submit(public=False)
    body = login(people["property"]).get(r.get_absolute_url()).content.decode()
    assert _shows(body) == {"room"}
    row = login(people["property"]).get(f"/api/v1/requests/{r.pk}").content.decode()
    assert _shows(row) == {"room"}


def test_public_request_shows_the_unassigned_owners_committee_nothing_personal(
    login, people, submit
):
    r = submit(public=True)
    body = login(people["owners"]).get(r.get_absolute_url()).content.decode()
    assert "电梯又停了" in body and not _shows(body)
