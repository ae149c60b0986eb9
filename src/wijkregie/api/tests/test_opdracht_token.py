"""`wijkregie api token` prints one key on standard output (for scripts), the details on standard error;
`--demo` makes one for the demo's huisartsenpraktijk with every scope, in demo mode only."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from wijkregie.api import sleutels
from wijkregie.api.models import ApiToken
from wijkregie.core.models import AuditEvent

from .helpers import Partnerclient


def _token(*args) -> str:
    out = io.StringIO()
    call_command("api", "token", *args, stdout=out)
    return out.getvalue().strip()


def test_it_prints_a_working_key_with_the_scopes_asked(client, world):
    sleutel = _token("--organisatie", "de-wering", "--scope", "verwijzen", "--scope", "signaleren", "--dagen", "7")
    assert sleutels.ontleed(sleutel) is not None and "\n" not in sleutel
    token = ApiToken.objects.get()
    assert token.organisatie == world.wering and token.scopes == ["signaleren", "verwijzen"]
    assert 6 <= (token.verloopt_op - token.aangemaakt_op).days <= 7
    assert AuditEvent.objects.filter(object_type="api.apitoken", actie="C").exists()
    api = Partnerclient(client, sleutel)
    assert api.get("/api/v1/casussen/").status_code == 403  # no plan_lezen
    assert api.post("/api/v1/verwijzingen/", {}).status_code == 400


def test_it_refuses_an_unknown_organisation_or_no_scope(world):
    with pytest.raises(CommandError, match="Geen organisatie"):
        _token("--organisatie", "bestaat-niet", "--scope", "verwijzen")
    with pytest.raises(CommandError, match="scope"):
        _token("--organisatie", "de-wering")
    assert not ApiToken.objects.exists()


def test_the_demo_key_is_for_the_huisartsenpraktijk_with_every_scope(client, world, settings):
    settings.DEMO_MODE = True
    sleutel = _token("--demo")
    token = ApiToken.objects.get()
    assert token.organisatie.naam == "Huisartsenpraktijk Julianadorp" and token.organisatie.soort == "huisarts"
    assert token.scopes == ["plan_lezen", "signaleren", "verwijzen", "voorstellen"]
    assert Partnerclient(client, sleutel).get("/api/v1/casussen/").status_code == 200
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="demomodus"):
        _token("--demo")


def test_a_key_is_revoked_by_its_prefix(client, world):
    sleutel = _token("--organisatie", "de-wering", "--scope", "plan_lezen")
    out = io.StringIO()
    call_command("api", "intrekken", "--kenmerk", sleutels.ontleed(sleutel)[0], stdout=out)
    assert "ingetrokken" in out.getvalue()
    assert Partnerclient(client, sleutel).get("/api/v1/casussen/").status_code == 401
    lijst = io.StringIO()
    call_command("api", "lijst", stdout=lijst)
    assert "ingetrokken" in lijst.getvalue() and sleutels.ontleed(sleutel)[1] not in lijst.getvalue()


def test_on_the_demo_the_key_reads_a_shared_plan(client, empty_database, settings):
    """On the loaded demo, the practice is betrokken in one household that consented: the demo key's
    plan_lezen shows its goals and regisseur (once: a second key changes nothing)."""
    import json

    from wijkregie.regie.models import Betrokkene

    settings.DEMO_MODE = True
    call_command("demo", "--households", "60", stdout=io.StringIO())
    api = Partnerclient(client, _token("--demo"))
    resultaten = json.loads(api.get("/api/v1/casussen/").content)["resultaten"]
    assert len(resultaten) == 1
    plan = json.loads(api.get(f"/api/v1/casussen/{resultaten[0]['id']}/plan/").content)
    assert plan["plan"]["doelen"] and plan["regisseur"]["naam"]
    _token("--demo")
    assert Betrokkene.objects.filter(organisatie__naam="Huisartsenpraktijk Julianadorp").count() == 1
