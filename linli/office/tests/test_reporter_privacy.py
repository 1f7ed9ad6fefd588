"""Personal data by need: the reporter's real name, phone and room reach only who needs them."""

import pytest
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


def test_reporter_chooses_on_the_form_whether_the_handling_party_may_see_the_phone(
    login, people, categories
):
    from linli.office.models import Request

    client = login(people["resident"])
    url = reverse("office:request-create", args=["nb"])
    form = client.get(url).content.decode()
    assert (
        'name="share_phone"' in form and "checked" not in form.split('name="share_phone"')[1][:40]
    )
    data = {"category": categories["lift"].pk, "description": "电梯按钮失灵了，按了没反应"}
    client.post(url, data)
    client.post(url, {**data, "description": "电梯门关不上，夹到了老人", "share_phone": "on"})
    first, second = Request.objects.order_by("pk")
    assert (first.share_phone, second.share_phone) == (False, True)
    seen = [
        _shows(login(people["property"]).get(r.get_absolute_url()).content.decode())
        for r in (first, second)
    ]
    assert seen == [{"room"}, {"room", "phone"}]


def test_api_takes_the_consent_and_shows_only_what_the_caller_may_see(login, people, categories):
    import json

    made = login(people["resident"]).post(
        "/api/v1/requests/n/nb",
        json.dumps(
            {
                "category_id": categories["fund"].pk,
                "description": "维修资金的使用明细想查一下",
                "public": False,
                "share_phone": True,
            }
        ),
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["share_phone"] is True
    pk = made.json()["id"]
    reporter = {
        who: login(people[who]).get(f"/api/v1/requests/{pk}").json()["reporter"]
        for who in ("owners", "secretary")
    }
    assert reporter["owners"] == {"name": None, "phone": PHONE, "email": None, "room": ROOM}
    assert reporter["secretary"] == {"name": NAME, "phone": PHONE, "email": None, "room": ROOM}
    assert login(people["property"]).get(f"/api/v1/requests/{pk}").status_code == 403


def test_open311_never_shows_personal_fields_nor_private_requests(client, submit):
    import json

    public = submit(public=True, share_phone=True)
    private = submit(public=False, share_phone=True, description="家里水管漏水，请物业上门")
    base = "/open311/v2"
    for fmt in ("json", "xml"):
        for url in (
            f"{base}/requests.{fmt}?jurisdiction_id=nb",
            f"{base}/requests.{fmt}?jurisdiction_id=nb&service_request_id={public.pk},{private.pk}",
            f"{base}/requests/{public.pk}.{fmt}?jurisdiction_id=nb",
        ):
            response = client.get(url)
            body = response.content.decode()
            if fmt == "json":
                body = json.dumps(response.json(), ensure_ascii=False)
            assert response.status_code == 200 and str(public.description) in body, url
            assert private.description not in body and not _shows(body), url
        assert client.get(f"{base}/requests/{private.pk}.{fmt}").status_code == 404


def test_open311_contact_details_reach_committee_staff_and_with_consent_the_handler(
    client, login, people, tree, categories
):
    from linli.office import actions

    key = actions.apikey_create(actor=people["staff"], neighborhood=tree.neighborhood, name="App")[
        1
    ]
    for share in ("", "true"):
        client.post(
            "/open311/v2/requests.json",
            {
                "api_key": key,
                "jurisdiction_id": "nb",
                "service_code": "lift-repair",
                "address_string": "3号楼电梯",
                "description": f"电梯困人了，请尽快来{share or '看看'}",
                "first_name": "小",
                "last_name": "王五",
                "phone": "13700001111",
                "share_phone": share,
            },
        )
    from linli.office.models import Request

    unshared, shared = Request.objects.order_by("pk")

    def seen(who, r):
        body = login(people[who]).get(r.get_absolute_url()).content.decode()
        return ("王五" in body, "13700001111" in body)

    assert seen("secretary", unshared) == (True, True)
    assert seen("property", unshared) == (False, False)
    assert seen("property", shared) == (False, True)
    assert seen("owners", shared) == (False, False)


def test_dashboard_shows_no_personal_fields(login, people, submit):
    submit(public=False, share_phone=True)
    for who in ("secretary", "owners", "property", "street_staff"):
        response = login(people[who]).get(reverse("office:dashboard", args=["nb"]))
        assert response.status_code == 200 and not _shows(response.content.decode()), who


def test_notifications_and_emails_the_office_sends_carry_no_personal_fields(people, submit, login):
    from linli.community.models import Resident
    from linli.notify.models import EmailDelivery, Notification, Preference
    from linli.office import actions

    Resident.objects.update(email="x@example.com")
    for p in Resident.objects.all():
        for kind in ("office.request_new", "office.request_changed", "office.request_rated"):
            Preference.objects.create(person=p, kind=kind, channel="email")
    r = submit(public=True, share_phone=True, category="noise")
    actions.request_follow(request=r, person=people["neighbour"])
    actions.request_transition(request=r, actor=people["staff"], to="accepted", note="已派人")
    actions.request_transfer(
        request=r, actor=people["staff"], party="property_manager", reason="物业"
    )
    r.refresh_from_db()
    actions.request_transition(request=r, actor=people["property"], to="resolved")
    actions.request_rate(request=r, person=people["resident"], rating=5)
    assert EmailDelivery.objects.count() >= 5
    texts = [f"{d.subject}\n{d.body}" for d in EmailDelivery.objects.all()]
    texts += [str(n.params) for n in Notification.objects.all()]
    assert all(not _shows(t) for t in texts)


def test_audit_entries_the_office_writes_carry_no_personal_fields(people, submit):
    from linli.audit.models import AuditEntry
    from linli.office import actions

    r = submit(public=False, share_phone=True, category="noise")
    actions.request_transition(request=r, actor=people["staff"], to="accepted", note="收到")
    actions.request_transfer(
        request=r, actor=people["staff"], party="property_manager", reason="物业"
    )
    entries = list(AuditEntry.objects.filter(action__startswith="office."))
    assert len(entries) == 2
    assert all(not _shows(f"{e.target_label} {e.before} {e.after}") for e in entries)


def test_reception_day_shows_who_booked_to_committee_staff_only(
    login, people, next_day, categories
):
    from linli.office import actions
    from linli.office.actions.reception import slot_starts

    actions.slot_book(
        occurrence=next_day,
        person=people["resident"],
        starts_at=slot_starts(next_day)[0],
        subject="加装电梯",
    )
    item = actions.minute_add(
        occurrence=next_day,
        actor=people["staff"],
        text="电梯经常停运",
        raised_by=people["resident"],
    )
    made = actions.minute_to_request(item=item, actor=people["staff"], category=categories["lift"])
    assert not made.public
    url = next_day.get_absolute_url()
    seen = {
        who: _shows(login(people[who]).get(url).content.decode())
        for who in ("secretary", "owners", "property", "street_staff", "far_resident")
    }
    assert seen == {
        "secretary": {"name", "room"},
        "owners": set(),
        "property": set(),
        "street_staff": set(),
        "far_resident": set(),
    }
    # The request it became follows the same rule: the property manager handles it.
    assert _shows(login(people["property"]).get(made.get_absolute_url()).content.decode()) == {
        "room"
    }
    assert login(people["owners"]).get(made.get_absolute_url()).status_code == 403
    assert login(people["street_staff"]).get(made.get_absolute_url()).status_code == 403


@pytest.mark.parametrize(
    "lang,texts",
    [
        ("zh-hans", ["房号 1-1-101", "未向处理方提供", "处理这条诉求的一方可以打我的电话"]),
        (
            "en",
            ["Room 1-1-101", "not shared with the party handling it", "may call me on my phone"],
        ),
    ],
)
def test_what_the_handler_sees_and_the_consent_box_in_both_languages(
    login, people, submit, lang, texts
):
    r = submit(public=False)
    client = login(people["property"])
    client.cookies["django_language"] = lang
    body = client.get(r.get_absolute_url()).content.decode()
    body += client.get(reverse("office:request-create", args=["nb"])).content.decode()
    assert all(t in body for t in texts), texts


def test_excel_export_follows_the_same_rule(login, people, submit):
    from io import BytesIO

    from openpyxl import load_workbook

    submit(public=False, share_phone=True)
    url = reverse("office:request-export", args=["nb", "xlsx"])

    def cells(who):
        response = login(people[who]).get(url)
        assert response.status_code == 200
        sheet = load_workbook(BytesIO(response.content)).active
        return " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)

    assert _shows(cells("secretary")) == {"name", "phone", "room"}
    assert _shows(cells("property")) == {"phone", "room"}
    assert "电梯又停了" not in cells("owners") and "电梯又停了" not in cells("street_staff")
    assert login(people["resident"]).get(url).status_code == 403


def test_a_party_cannot_hand_on_a_private_request_it_may_not_see(login, people, submit):
    from linli.office.models import Request

    r = submit(public=False)  # the property manager's
    login(people["owners"]).post(
        reverse("office:request-transfer", args=[r.pk]),
        {"party": "owners_committee", "reason": "我们来处理"},
    )
    assert Request.objects.get(pk=r.pk).party == "property_manager"
    login(people["property"]).post(
        reverse("office:request-transfer", args=[r.pk]),
        {"party": "owners_committee", "reason": "需要维修资金"},
    )
    assert Request.objects.get(pk=r.pk).party == "owners_committee"
