"""Bad input gets the right 4xx in Dutch problem+json, and nothing is stored: a BSN failing the
elfproef (400 with invalid-params), missing fields, malformed JSON (400), a postcode outside the
gemeente (422), a huge body (413), a wrong content type (415)."""

import json
from io import BytesIO

import pytest

from wijkregie.api.models import Verwijzing
from wijkregie.api.problemen import BegrensdeJSONParser, TeGroot
from wijkregie.core.models import AuditEvent
from wijkregie.toegang.models import Aanmelding

from .helpers import VERWIJZING, probleem


@pytest.fixture
def niets_opgeslagen(db):
    yield
    assert not Aanmelding.objects.exists() and not Verwijzing.objects.exists()
    assert not AuditEvent.objects.filter(object_type="toegang.aanmelding").exists()


def test_a_bsn_failing_the_elfproef_is_400_with_invalid_params(api, niets_opgeslagen):
    data = probleem(api.verwijs(bsn="123456789"))
    assert data["status"] == 400
    assert data["invalid-params"] == [{"name": "bsn", "code": "bsn_elfproef", "reason": (
        "Dit BSN klopt niet (de elfproef faalt). Controleer de cijfers op het identiteitsbewijs.")}]


def test_missing_and_wrong_fields_are_named_one_by_one(api, niets_opgeslagen):
    velden = {k: v for k, v in VERWIJZING.items() if k not in ("naam", "vraag")}
    data = probleem(api.post("/api/v1/verwijzingen/", {**velden, "verwijzer": "99", "geboortedatum": "2999-01-01",
                                                       "postcode": "12"}))
    namen = sorted(p["name"] for p in data["invalid-params"])
    assert namen == ["geboortedatum", "naam", "postcode", "verwijzer", "vraag"]
    assert all(p["reason"] and p["code"] for p in data["invalid-params"])
    assert "toekomst" in json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("ruw", ["{", "niet json", '{"naam": NaN}', "[1, 2]", "\"tekst\"", "null"])
def test_malformed_json_or_not_an_object_is_400(api, niets_opgeslagen, ruw):
    data = probleem(api.post("/api/v1/verwijzingen/", ruw=ruw))
    assert data["status"] == 400


def test_a_postcode_outside_the_gemeente_is_422(api, niets_opgeslagen):
    data = probleem(api.verwijs(postcode="9999 ZZ"))
    assert data["status"] == 422 and "niet in de gemeente Den Helder" in data["detail"]
    assert data["invalid-params"][0]["name"] == "postcode"


def test_a_huge_payload_is_413(api, niets_opgeslagen):
    data = probleem(api.verwijs(vraag="x" * 70_000))
    assert data["status"] == 413 and "64 kB" in data["detail"]


def test_the_parser_counts_what_it_reads_whatever_the_header_says():
    """A chunked request has no Content-Length: the body is still read no further than the limit."""
    body = json.dumps({**VERWIJZING, "vraag": "x" * 70_000}).encode()
    with pytest.raises(TeGroot):
        BegrensdeJSONParser().parse(BytesIO(body))


@pytest.mark.parametrize("soort", ["text/plain", "application/x-www-form-urlencoded", "application/xml"])
def test_a_wrong_content_type_is_415(api, niets_opgeslagen, soort):
    data = probleem(api.post("/api/v1/verwijzingen/", ruw=json.dumps(VERWIJZING), content_type=soort))
    assert data["status"] == 415 and "application/json" in data["detail"]


def test_an_unknown_path_or_method_is_a_problem_too(api):
    assert probleem(api.get("/api/v1/onbekend/"))["status"] == 404
    assert probleem(api.get("/api/v1/verwijzingen"))["status"] == 404
    response = api.client.delete("/api/v1/verwijzingen/", HTTP_AUTHORIZATION=f"Bearer {api.sleutel}")
    assert probleem(response)["status"] == 405 and "POST" in response["Allow"]
