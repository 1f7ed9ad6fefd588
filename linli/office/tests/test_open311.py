"""Open311 GeoReport v2: the spec's paths, parameters, formats and error format."""

import json
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from linli.office import actions
from linli.office.models import Request

BASE = "/open311/v2"


@pytest.fixture
def key(tree, people):
    return actions.apikey_create(
        actor=people["staff"], neighborhood=tree.neighborhood, name="街道 App"
    )[1]


def _errors(response, status):
    assert response.status_code == status
    if response["Content-Type"].startswith("text/xml"):
        root = ET.fromstring(response.content)
        assert root.tag == "errors"
        return [(int(e.findtext("code")), e.findtext("description")) for e in root.findall("error")]
    return [(e["code"], e["description"]) for e in response.json()]


def test_services_in_json_and_xml(client, tree, categories):
    rows = client.get(f"{BASE}/services.json?jurisdiction_id=nb").json()
    assert {r["service_code"] for r in rows} == {"lift-repair", "noise", "maintenance-fund"}
    assert set(rows[0]) >= {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }
    root = ET.fromstring(client.get(f"{BASE}/services.xml?jurisdiction_id=nb").content)
    assert root.tag == "services" and len(root.findall("service")) == 3


def test_jurisdiction_is_required_when_several_are_served(client, tree, other_tree, categories):
    assert _errors(client.get(f"{BASE}/services.json"), 400)[0][0] == 400
    assert _errors(client.get(f"{BASE}/services.xml?jurisdiction_id=nowhere"), 404)[0][0] == 404


def test_service_definition(client, tree, categories):
    assert client.get(f"{BASE}/services/noise.json?jurisdiction_id=nb").json() == {
        "service_code": "noise",
        "attributes": [],
    }
    assert _errors(client.get(f"{BASE}/services/unknown.xml?jurisdiction_id=nb"), 404)


def test_post_with_api_key_creates_a_request_and_token_finds_it(client, tree, categories, key):
    response = client.post(
        f"{BASE}/requests.json",
        {
            "api_key": key,
            "jurisdiction_id": "nb",
            "service_code": "lift-repair",
            "lat": "31.2",
            "long": "121.5",
            "description": "电梯按钮坏了",
            "first_name": "小",
            "last_name": "王",
            "email": "w@example.com",
        },
    )
    assert response.status_code == 201, response.content
    [row] = response.json()
    r = Request.objects.get(pk=row["service_request_id"])
    assert (r.source, r.party, r.contact_email, r.reporter_id) == (
        "open311",
        "property_manager",
        "w@example.com",
        None,
    )
    found = client.get(f"{BASE}/tokens/{row['token']}.json").json()
    assert found == [{"service_request_id": r.pk, "token": row["token"]}]
    detail = client.get(f"{BASE}/requests/{r.pk}.json").json()[0]
    assert (
        detail["status"] == "open"
        and detail["service_code"] == "lift-repair"
        and detail["lat"] == 31.2
    )
    assert "w@example.com" not in json.dumps(detail) and "王" not in json.dumps(detail)


@pytest.mark.parametrize(
    "data,status",
    [
        ({"service_code": "lift-repair", "lat": "31", "long": "121"}, 403),  # no key
        ({"api_key": "wrong", "service_code": "lift-repair", "lat": "31", "long": "121"}, 403),
        ({"api_key": "KEY", "lat": "31", "long": "121"}, 400),  # no service_code
        ({"api_key": "KEY", "service_code": "nope", "lat": "31", "long": "121"}, 404),
        ({"api_key": "KEY", "service_code": "lift-repair"}, 400),  # no location
        ({"api_key": "KEY", "service_code": "lift-repair", "lat": "91", "long": "121"}, 400),
        ({"api_key": "KEY", "service_code": "lift-repair", "lat": "abc", "long": "121"}, 400),
        ({"api_key": "KEY", "service_code": "lift-repair", "address_id": "999999"}, 400),
        (
            {
                "api_key": "KEY",
                "service_code": "lift-repair",
                "address_string": "东门",
                "description": "坏",
            },
            400,
        ),  # too short
        (
            {
                "api_key": "KEY",
                "service_code": "lift-repair",
                "address_string": "东门",
                "description": "坏了坏了坏了",
                "jurisdiction_id": "other",
            },
            403,
        ),
    ],
)
def test_post_errors_use_the_spec_format_and_change_nothing(
    client, tree, categories, key, data, status
):
    data = {k: (key if v == "KEY" else v) for k, v in data.items()}
    for fmt in ("json", "xml"):
        errors = _errors(client.post(f"{BASE}/requests.{fmt}", data), status)
        assert errors and errors[0][0] == status and errors[0][1]
    assert not Request.objects.exists()


def test_revoked_key_no_longer_works(client, tree, categories, people, key):
    from linli.office.models import ApiKey

    actions.apikey_revoke(actor=people["staff"], key=ApiKey.objects.get())
    assert _errors(
        client.post(
            f"{BASE}/requests.json",
            {
                "api_key": key,
                "service_code": "noise",
                "address_string": "东门",
                "description": "太吵了太吵了",
            },
        ),
        403,
    )


def test_list_filters_by_status_code_dates_and_ids(client, submit, people, tree):
    a = submit(public=True, description="电梯问题一号一号")
    b = submit(public=True, category="noise", description="噪音问题二号二号")
    private = submit(public=False, description="私人的问题三号")
    actions.request_transition(request=b, actor=people["staff"], to="rejected", note="不属于")
    ids = lambda r: [x["service_request_id"] for x in r.json()]  # noqa: E731
    assert ids(client.get(f"{BASE}/requests.json?jurisdiction_id=nb")) == [b.pk, a.pk]
    assert ids(client.get(f"{BASE}/requests.json?jurisdiction_id=nb&status=open")) == [a.pk]
    assert ids(client.get(f"{BASE}/requests.json?jurisdiction_id=nb&status=closed")) == [b.pk]
    assert ids(
        client.get(
            f"{BASE}/requests.json?jurisdiction_id=nb&service_code=noise,lift-repair&status=open,closed"
        )
    ) == [b.pk, a.pk]
    assert ids(
        client.get(
            f"{BASE}/requests.json?jurisdiction_id=nb&service_request_id={a.pk},{private.pk}"
        )
    ) == [a.pk]
    old = (timezone.now() - timedelta(days=200)).strftime("%Y-%m-%dT%H:%M:%SZ")
    older = (timezone.now() - timedelta(days=250)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert (
        ids(
            client.get(f"{BASE}/requests.json?jurisdiction_id=nb&start_date={older}&end_date={old}")
        )
        == []
    )
    assert ids(client.get(f"{BASE}/requests.json?jurisdiction_id=nb&page_size=1")) == [b.pk]
    assert ids(client.get(f"{BASE}/requests.json?jurisdiction_id=nb&page_size=1&page=2")) == [a.pk]
    root = ET.fromstring(client.get(f"{BASE}/requests.xml?jurisdiction_id=nb").content)
    assert root.tag == "service_requests" and [
        int(r.findtext("service_request_id")) for r in root.findall("request")
    ] == [b.pk, a.pk]
    assert _errors(client.get(f"{BASE}/requests/{private.pk}.json"), 404)


@pytest.mark.parametrize(
    "query",
    [
        "status=pending",
        "start_date=yesterday",
        "start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z",
        "start_date=2026-06-01T00:00:00Z&end_date=2026-01-01T00:00:00Z",
        "page_size=0",
        "page_size=5000",
        "page=x",
        "service_request_id=1,abc",
        "service_request_id=99999999999999999999",
    ],
)
def test_invalid_list_parameters_are_400_in_the_spec_format(client, tree, categories, query):
    for fmt in ("json", "xml"):
        errors = _errors(client.get(f"{BASE}/requests.{fmt}?jurisdiction_id=nb&{query}"), 400)
        assert errors[0][0] == 400


def test_unknown_ids_and_tokens_are_404(client, tree, categories):
    assert _errors(client.get(f"{BASE}/requests/123456.json?jurisdiction_id=nb"), 404)
    assert _errors(client.get(f"{BASE}/tokens/00000000-0000-0000-0000-000000000000.xml"), 404)
    assert _errors(client.get(f"{BASE}/tokens/abc.json"), 404)


def test_discovery(client):
    body = client.get(f"{BASE}/discovery.json").json()
    assert body["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert ET.fromstring(client.get(f"{BASE}/discovery.xml").content).tag == "discovery"


def test_staff_create_keys_on_their_page(login, people, tree):
    client = login(people["staff"])
    body = client.post("/office/n/nb/open311-keys/", {"name": "街道 App"}).content.decode()
    assert "o311_" in body
    assert login(people["resident"]).get("/office/n/nb/open311-keys/").status_code == 403
