"""The Open311 GeoReport v2 answers have the shape and field names of the spec's own examples
(open311.org GeoReport_v2: service list, service definition, POST response, service requests,
errors), in XML and JSON. Fictional data."""

from __future__ import annotations

import pytest

from core.codes import CATEGORIES
from tests.backend.open311.helpers import BASE, NOW, children, good_form, xml_of
from tests.backend.partners.helpers import make_key

# The spec's examples, field by field.
SPEC_SERVICE = [
    "service_code", "service_name", "description", "metadata", "type", "keywords", "group",
]  # fmt: skip
SPEC_ATTRIBUTE = [
    "variable", "code", "datatype", "required", "datatype_description", "order", "description",
]  # fmt: skip
SPEC_POST_RESPONSE = ["service_request_id", "service_notice", "account_id"]
SPEC_REQUEST = [
    "service_request_id", "status", "status_notes", "service_name", "service_code",
    "description", "agency_responsible", "service_notice", "requested_datetime",
    "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long",
    "media_url",
]  # fmt: skip
DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}


@pytest.fixture
async def partner(make_api_client, session_factory):
    client = await make_api_client(now=NOW)
    key = make_key(session_factory, scopes=("read", "create")).key
    return client, key


async def test_service_list_in_json_and_xml(partner):
    client, key = partner
    response = await client.get(f"{BASE}/services.json", params={"api_key": key})
    assert response.status == 200 and response.content_type == "application/json"
    services = await response.json()
    assert [service["service_code"] for service in services] == list(CATEGORIES)
    for service in services:
        assert list(service) == SPEC_SERVICE
        assert service["metadata"] is True and service["type"] == "realtime"
    by_code = {service["service_code"]: service for service in services}
    assert by_code["hate"]["group"] == "TEM" and by_code["noise"]["group"] == "CHM"
    assert "music" in by_code["noise"]["keywords"]

    response = await client.get(f"{BASE}/services.xml", headers={"X-Api-Key": key})
    assert response.status == 200 and response.content_type == "text/xml"
    root = xml_of(await response.text())
    assert root.tag == "services" and set(children(root)) == {"service"}
    first = root[0]
    assert children(first) == SPEC_SERVICE
    assert first.findtext("service_code") == "noise" and first.findtext("metadata") == "true"


async def test_service_definition_in_json_and_xml(partner):
    client, key = partner
    definition = await (
        await client.get(f"{BASE}/services/harassment.json", params={"api_key": key})
    ).json()
    assert list(definition) == ["service_code", "attributes"]
    assert definition["service_code"] == "harassment"
    codes = [attribute["code"] for attribute in definition["attributes"]]
    assert {"happening_now", "frequency", "hate"} <= set(codes)
    for order, attribute in enumerate(definition["attributes"], start=1):
        assert list(attribute)[: len(SPEC_ATTRIBUTE)] == SPEC_ATTRIBUTE
        assert attribute["order"] == order and attribute["datatype"] in DATATYPES
        if attribute["datatype"].endswith("valuelist"):
            assert all(list(value) == ["key", "name"] for value in attribute["values"])
    frequency = next(a for a in definition["attributes"] if a["code"] == "frequency")
    assert [value["key"] for value in frequency["values"]][0] == "daily"

    response = await client.get(f"{BASE}/services/harassment.xml", params={"api_key": key})
    root = xml_of(await response.text())
    assert root.tag == "service_definition"
    assert children(root) == ["service_code", "attributes"]
    attribute = root.find("attributes")[0]
    assert attribute.tag == "attribute" and children(attribute)[:7] == SPEC_ATTRIBUTE
    values = root.find("attributes/attribute/values")
    assert [child.tag for child in values] == ["value", "value"]
    assert children(values[0]) == ["key", "name"] and values[0].findtext("key") == "yes"

    missing = await client.get(f"{BASE}/services/parking.json", params={"api_key": key})
    assert missing.status == 404
    assert await missing.json() == [
        {"code": 404, "description": "service_code parking was not found"}
    ]


async def test_post_response_and_request_in_both_formats(partner):
    client, key = partner
    response = await client.post(f"{BASE}/requests.xml", data=good_form(key))
    assert response.status == 200, await response.text()
    root = xml_of(await response.text())
    assert root.tag == "service_requests" and children(root) == ["request"]
    assert children(root[0]) == SPEC_POST_RESPONSE
    reference = root[0].findtext("service_request_id")
    assert reference.startswith("ASB-2026-")
    assert "will triage this report by" in root[0].findtext("service_notice")
    assert root[0].findtext("account_id") == ""

    created = await (await client.post(f"{BASE}/requests.json", data=good_form(key))).json()
    assert len(created) == 1 and list(created[0]) == SPEC_POST_RESPONSE
    assert created[0]["account_id"] is None

    one = await (
        await client.get(f"{BASE}/requests/{reference}.json", params={"api_key": key})
    ).json()
    assert len(one) == 1 and list(one[0]) == SPEC_REQUEST
    request = one[0]
    assert request["service_request_id"] == reference and request["status"] == "open"
    assert request["service_code"] == "noise" and request["service_name"] == "Noise"
    assert request["requested_datetime"] == "2026-11-23T10:00:00+00:00"
    # A low-risk noise report: triage within 5 working days of Monday's queue (Friday), at the
    # close of the office, London time.
    assert request["expected_datetime"] == "2026-11-27T18:00:00+00:00"
    assert request["agency_responsible"] == "Example Homes: Community Housing Managers (CHM)"
    assert request["status_notes"].startswith("Report received")

    response = await client.get(f"{BASE}/requests/{reference}.xml", params={"api_key": key})
    root = xml_of(await response.text())
    assert root.tag == "service_requests" and children(root[0]) == SPEC_REQUEST
    assert root[0].findtext("status") == "open" and root[0].findtext("lat") == "51.501"


async def test_errors_are_the_spec_error_list(partner):
    client, key = partner
    response = await client.get(f"{BASE}/services.xml")
    assert response.status == 403
    root = xml_of(await response.text())
    assert root.tag == "errors" and children(root) == ["error"]
    assert children(root[0]) == ["code", "description"] and root[0].findtext("code") == "403"
    body = await (
        await client.get(f"{BASE}/requests/ASB-2026-999999.json", params={"api_key": key})
    ).json()
    assert body == [
        {"code": 404, "description": "service_request_id ASB-2026-999999 was not found"}
    ]
