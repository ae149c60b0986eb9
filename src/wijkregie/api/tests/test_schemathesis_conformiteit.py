"""Conformance of the API to its own OpenAPI document (issue 15): schemathesis generates requests from
/api/v1/openapi.json, valid ones and invalid ones, and sends them with the demo key (`wijkregie api token
--demo`) to the application in-process. No answer may be a 5xx, and every answer must match the
document: a documented status, its content type, its schema; a request without the key must be refused.

The shared plan and the status of a referral are also requested with ids that exist (generated ids
never hit one), so their 200 answers are checked too. The figures are printed at the end of the test.
"""

from __future__ import annotations

import io
import json
from collections import Counter

import pytest
import schemathesis
from django.core import signals
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from wijkregie.api.models import ApiToken

from .helpers import gedeeld_huishouden

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance,
          ignored_auth]
VOORBEELDEN = (
    100  # per operation and generation mode: 8 operations × 2 modes (+ proposals on a real casus), about a minute
)


@pytest.fixture
def wsgi_app(db):
    """Django's WSGI application on the test database: like the test client, it must not close the test's
    connection at the start and end of each request."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def demosleutel(world, settings):
    settings.DEMO_MODE = True
    settings.API_LIMIET_PER_UUR = 100_000  # the run is hundreds of requests within a second
    out = io.StringIO()
    call_command("api", "token", "--demo", stdout=out)
    return out.getvalue().strip()


def test_the_api_conforms_to_its_openapi_document(wsgi_app, world, demosleutel, capsys):
    token = ApiToken.objects.get()
    gedeeld_huishouden(world, token.organisatie)  # a household that shares its plan with the practice
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_app)
    auth = {"Authorization": f"Bearer {demosleutel}"}
    teller: Counter = Counter()
    per_operatie: Counter = Counter()

    def controleer(case, **kwargs):
        response = case.call(headers=auth, **kwargs)
        teller[response.status_code] += 1
        modus = case.meta.generation.mode if case.meta is not None else "vast"
        per_operatie[f"{case.method} {case.operation.path} {modus} {response.status_code}"] += 1
        case.validate_response(response, checks=CHECKS, headers=auth)
        return response

    operaties = [result.ok() for result in schema.get_all_operations()]
    assert {f"{o.method.upper()} {o.path}" for o in operaties} == {
        "POST /api/v1/verwijzingen/", "GET /api/v1/verwijzingen/{id}/", "POST /api/v1/signalen/",
        "GET /api/v1/casussen/", "GET /api/v1/casussen/{id}/plan/", "GET /api/v1/verwijzingen/",
        "GET /api/v1/casussen/{id}/voorstellen/", "POST /api/v1/casussen/{id}/voorstellen/"}
    for operatie in operaties:
        for modus in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            @given(case=operatie.as_strategy(generation_mode=modus))
            @hypothesis_settings(max_examples=VOORBEELDEN, deadline=None, database=None, derandomize=True,
                                 suppress_health_check=list(HealthCheck))
            def run(case):
                controleer(case)

            run()

    # Ids that exist: a referral of the practice, the shared casus' plan.
    verwijzing = schema["/api/v1/verwijzingen/"]["POST"].Case(body={
        "naam": "Jan de Vries", "geboortedatum": "1961-04-12", "postcode": "1784 AB", "vraag": "Hulp thuis",
        "verwijzer": "02"}, media_type="application/json")
    gemaakt = controleer(verwijzing)
    assert gemaakt.status_code == 201
    status_case = schema["/api/v1/verwijzingen/{id}/"]["GET"].Case(path_parameters={"id": gemaakt.json()["id"]})
    assert controleer(status_case).status_code == 200
    lijst = controleer(schema["/api/v1/casussen/"]["GET"].Case())
    casus_id = lijst.json()["resultaten"][0]["id"]
    plan = controleer(schema["/api/v1/casussen/{id}/plan/"]["GET"].Case(path_parameters={"id": casus_id}))
    assert plan.status_code == 200 and plan.json()["plan"]["doelen"]
    # Proposals for the shared casus: generated bodies on the real id (the service's own checks answer),
    # then one valid proposal and the list with it.
    voorstel_operatie = schema["/api/v1/casussen/{id}/voorstellen/"]["POST"]
    for modus in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
        @given(case=voorstel_operatie.as_strategy(generation_mode=modus))
        @hypothesis_settings(max_examples=VOORBEELDEN, deadline=None, database=None, derandomize=True,
                             suppress_health_check=list(HealthCheck))
        def op_echte_casus(case):
            case.path_parameters = {"id": casus_id}
            controleer(case)

        op_echte_casus()
    voorstel = controleer(voorstel_operatie.Case(path_parameters={"id": casus_id}, media_type="application/json", body={
        "soort": "doel", "leefgebied": "Financiën", "omschrijving": "Budgetplan maken"}))
    assert voorstel.status_code == 201
    lijst = schema["/api/v1/casussen/{id}/voorstellen/"]["GET"].Case(path_parameters={"id": casus_id})
    assert controleer(lijst).json()["resultaten"]
    assert controleer(schema["/api/v1/verwijzingen/"]["GET"].Case()).json()["resultaten"]

    assert not [code for code in teller if code >= 500]
    with capsys.disabled():
        print(
            f"\nschemathesis: {sum(teller.values())} verzoeken, antwoorden per status "
            f"{json.dumps(dict(sorted(teller.items())))}, per operatie {json.dumps(dict(sorted(per_operatie.items())))}"
        )
