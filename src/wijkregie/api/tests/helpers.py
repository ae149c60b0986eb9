"""A test client for the partner API: a key of an organisation, JSON in, the answer parsed."""

from __future__ import annotations

import json

from wijkregie.api.models import Scope
from wijkregie.api.services import token_create

ALLE_SCOPES = tuple(Scope.values)
VERWIJZING = {"naam": "Jan de Vries", "geboortedatum": "1961-04-12", "postcode": "1784 AB", "contact": "06 12345678",
              "vraag": "Meneer redt het thuis niet meer sinds zijn vrouw is overleden.", "verwijzer": "02",
              "contactpersoon": "dr. Bakker"}


class Partnerclient:
    def __init__(self, client, sleutel: str, token=None):
        self.client, self.sleutel, self.token = client, sleutel, token

    @classmethod
    def met_sleutel(cls, client, organisatie, scopes=ALLE_SCOPES, dagen: int = 30):
        token, sleutel = token_create(organisatie=organisatie, naam="test", scopes=scopes, dagen=dagen)
        return cls(client, sleutel, token)

    def _headers(self, extra):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {self.sleutel}"} if self.sleutel else {}
        headers.update(extra)
        return headers

    def get(self, pad: str, **extra):
        return self.client.get(pad, **self._headers(extra))

    def post(self, pad: str, data=None, *, ruw: bytes | str | None = None, content_type="application/json", **extra):
        body = ruw if ruw is not None else json.dumps(data or {})
        return self.client.post(pad, body, content_type=content_type, **self._headers(extra))

    def verwijs(self, **velden):
        return self.post("/api/v1/verwijzingen/", {**VERWIJZING, **velden})


def probleem(response) -> dict:
    """The problem+json of a refusal, checked for its form: status, Dutch title and detail."""
    assert response["Content-Type"] == "application/problem+json", response["Content-Type"]
    data = json.loads(response.content)
    assert data["status"] == response.status_code and data["title"] and data["detail"]
    return data


def geboren(jaren: int):
    import datetime

    from django.utils import timezone

    vandaag = timezone.localdate()
    return vandaag.replace(year=vandaag.year - jaren) - datetime.timedelta(days=40)


def gedeeld_huishouden(world, organisatie):
    """A mother (41, with gezag) and her son of 10 in team Noord's casus, Sanne the regisseur; both
    consent to sharing with `organisatie` (his by his mother), which is a betrokkene; a signed plan with
    a goal for the household, one for the son, a line the organisation carries out and one it does not.
    Returns (casus, moeder, kind)."""
    import datetime
    from decimal import Decimal

    from wijkregie.casus.models import Casus, Toestemming
    from wijkregie.inwoners.models import Lidmaatschap, Persoon
    from wijkregie.inwoners.services import persoon_create
    from wijkregie.organisatie.models import Leefgebied
    from wijkregie.plan import services as plan_services
    from wijkregie.plan.models import Arrangementregel, Doel
    from wijkregie.regie.models import Betrokkene
    from wijkregie.regie.services import betrokkene_add
    from wijkregie.testing import make_persoon

    moeder = make_persoon(world, "Anouk", "Visser", team=world.team_noord, regisseur=world.medewerker,
                          geboortedatum=geboren(41))
    huishouden = Lidmaatschap.objects.get(persoon=moeder).huishouden
    Lidmaatschap.objects.filter(persoon=moeder).update(gezag=True)
    kind = persoon_create(actor=world.medewerker, huishouden=huishouden, relatie="kind", persoon=Persoon(
        voornamen="Daan Pieter", achternaam="Visser", geboortedatum=geboren(10)))
    for persoon, als, door in ((moeder, "zelf", None), (kind, "gezag", moeder)):
        Toestemming.objects.create(gemeente=world.den_helder, persoon=persoon, scope="delen", organisatie=organisatie,
                                   doel="afstemmen zorg", gegeven_als=als, gegeven_door=door)
    casus = Casus.objects.get(huishouden=huishouden)
    betrokkene_add(actor=world.medewerker, casus=casus,
                         betrokkene=Betrokkene(organisatie=organisatie, naam="Huisarts", rol="medische zorg"))
    plan = plan_services.plan_create(actor=world.medewerker, casus=casus)
    gebied = {g.naam: g for g in Leefgebied.objects.filter(gemeente=world.den_helder)}
    Doel.objects.create(gemeente=world.den_helder, plan=plan, omschrijving="Rekeningen zelf betalen",
                        leefgebied=gebied["Financiën"], prioriteit=1)
    Doel.objects.create(gemeente=world.den_helder, plan=plan, persoon=kind, omschrijving="Weer naar de voetbal",
                        leefgebied=gebied["Maatschappelijke participatie"], prioriteit=2)
    plan_services.regel_save(actor=world.medewerker, plan=plan, regel=Arrangementregel(
        soort="vrij", omschrijving="Controle bloeddruk bij de praktijkondersteuner", voorkeursaanbieder=organisatie,
        ingangsdatum=datetime.date.today()))
    Arrangementregel.objects.create(gemeente=world.den_helder, plan=plan, soort="maatwerk", omschrijving="GEHEIMEREGEL",
                                    wet="wmo", productcategorie="02", volume=Decimal("2"), eenheid="04",
                                    frequentie="2", ingangsdatum=datetime.date.today())
    plan.refresh_from_db()
    plan.akkoord_wijze, plan.akkoord_op = "mondeling", datetime.date.today()
    plan.save()
    plan_services.plan_sign(actor=world.medewerker, plan=plan)
    casus.refresh_from_db()
    return casus, moeder, kind
