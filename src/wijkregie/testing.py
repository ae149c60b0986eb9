"""Shared test fixtures: a small world of two gemeenten with personas, and a two-factor login helper.

Lives in the package (not in conftest) so that later apps can extend the world and import it.
"""

from __future__ import annotations

import copy
import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkregie.core.models import Gemeente
from wijkregie.organisatie.models import (
    Locatie,
    LocatieFase,
    Mandaat,
    Medewerker,
    Organisatie,
    OrganisatieSoort,
    Postcodegebied,
    Rol,
    Roltoewijzing,
    Team,
    Teamlid,
    Toegankelijkheid,
    Voorziening,
    Wet,
    Wijk,
)
from wijkregie.organisatie.services import leefgebieden_ensure

TEST_WACHTWOORD = "correct-horse-battery-staple"


@dataclass
class World:
    den_helder: Gemeente
    voorbeeld: Gemeente
    noord: Wijk
    zuid: Wijk
    dorp: Wijk
    team_noord: Team
    team_zuid: Team
    team_dorp: Team
    wering: Organisatie
    gemeente_org: Organisatie
    voorziening_vrij: Voorziening
    voorziening_maatwerk: Voorziening
    voorziening_elders: Voorziening
    medewerker: Medewerker
    collega: Medewerker
    andere_teamlid: Medewerker
    buitenstaander: Medewerker
    backoffice: Medewerker
    privacyfunctionaris: Medewerker
    beleidsmedewerker: Medewerker
    beheerder: Medewerker
    bureaudienst: Medewerker
    kcc: Medewerker
    gedragswetenschapper: Medewerker


def make_medewerker(gemeente, username, *rollen, org=None, team=None, uren=24, **fields) -> Medewerker:
    user = Medewerker.objects.create(
        gemeente=gemeente, username=username, first_name=fields.pop("first_name", username.capitalize()),
        last_name=fields.pop("last_name", "Test"), moederorganisatie=org, **fields,
    )
    user.set_password(TEST_WACHTWOORD)
    user.save(update_fields=["password"])
    Roltoewijzing.objects.bulk_create([Roltoewijzing(medewerker=user, rol=r) for r in rollen])
    if team is not None:
        Teamlid.objects.create(
            gemeente=gemeente, team=team, medewerker=user, uren_per_week=Decimal(uren),
            sinds=datetime.date(2020, 1, 1),
        )
    return user


# The world committed to the test database once per run (conftest.py's `_world_once`), reused by every test
# until a transactional test (a browser test) flushes the database; each test gets its own copy of the objects.
_committed: World | None = None


def build_world() -> World:
    """The two gemeenten and their personas: the committed world when the database still holds it, else a new one.

    Tests inside a transaction (pytest-django's `db`) change the committed world only inside their rollback, so
    they can share it; a transactional test keeps it until its flush, after which the next one builds it again.
    """
    global _committed
    if _committed is not None:
        if Gemeente.objects.filter(pk=_committed.den_helder.pk, slug="den-helder").exists():
            return copy.deepcopy(_committed)
        _committed = None
    world = _create_world()
    if not connection.in_atomic_block:  # committed, not rolled back at the end of a test
        _committed = copy.deepcopy(world)
    return world


def _create_world() -> World:
    dh = Gemeente.objects.create(naam="Den Helder", slug="den-helder", cbs_code="0400")
    vb = Gemeente.objects.create(naam="Voorbeeldgemeente", slug="voorbeeld", cbs_code="9999")
    profiel = dict(problematiek_jeugd="hoog", problematiek_zorg_wmo="gemiddeld", problematiek_werk="laag")
    noord = Wijk.objects.create(gemeente=dh, naam="Nieuw Den Helder", slug="nieuw-den-helder", inwoners=12508,
                                huishoudens=6329, zorgvragen=2249, **profiel)
    zuid = Wijk.objects.create(gemeente=dh, naam="Julianadorp", slug="julianadorp", inwoners=14702,
                               huishoudens=5967, zorgvragen=1000, **profiel)
    dorp = Wijk.objects.create(gemeente=vb, naam="Dorp", slug="dorp", inwoners=8000, huishoudens=3500,
                               zorgvragen=700, **profiel)
    locatie = Locatie.objects.create(gemeente=dh, wijk=noord, naam="MFC 't Wijkhuis")
    LocatieFase.objects.create(gemeente=dh, locatie=locatie, model="A", geldig_van=datetime.date(2020, 4, 1),
                               geldig_tot=datetime.date(2021, 6, 30))
    LocatieFase.objects.create(gemeente=dh, locatie=locatie, model="B", geldig_van=datetime.date(2021, 7, 1))
    team_noord = Team.objects.create(gemeente=dh, naam="Team Noord", slug="team-noord", locatie=locatie)
    team_noord.wijken.add(noord)
    team_zuid = Team.objects.create(gemeente=dh, naam="Team Zuid", slug="team-zuid")
    team_zuid.wijken.add(zuid)
    team_dorp = Team.objects.create(gemeente=vb, naam="Team Dorp", slug="team-dorp")
    team_dorp.wijken.add(dorp)
    wering = Organisatie.objects.create(gemeente=dh, naam="De Wering", soort=OrganisatieSoort.WELZIJN)
    gemeente_org = Organisatie.objects.create(gemeente=dh, naam="Gemeente Den Helder", soort=OrganisatieSoort.GEMEENTE)
    elders = Organisatie.objects.create(gemeente=vb, naam="Welzijn Voorbeeld", soort=OrganisatieSoort.WELZIJN)
    vrij = Voorziening.objects.create(gemeente=dh, organisatie=wering, naam="Algemeen maatschappelijk werk",
                                      omschrijving="Hulp bij geldzorgen en opvoeding.", toegang=Toegankelijkheid.VRIJ,
                                      gecontracteerd=True)
    maatwerk = Voorziening.objects.create(gemeente=dh, organisatie=gemeente_org, naam="Hulp bij het huishouden",
                                          toegang=Toegankelijkheid.MAATWERK, wet=Wet.WMO, gecontracteerd=True)
    maatwerk.wijken.add(zuid)
    voorziening_elders = Voorziening.objects.create(gemeente=vb, organisatie=elders, naam="Geheim Voorbeeldwerk",
                                                    toegang=Toegankelijkheid.VRIJ)
    medewerker = make_medewerker(dh, "medewerker", Rol.MEDEWERKER, org=wering, team=team_noord, uren=32,
                                 first_name="Sanne", last_name="Visser", specialisme="Generalist")
    medewerker.focuswijken.add(noord)
    world = World(
        den_helder=dh, voorbeeld=vb, noord=noord, zuid=zuid, dorp=dorp, team_noord=team_noord, team_zuid=team_zuid,
        team_dorp=team_dorp, wering=wering, gemeente_org=gemeente_org, voorziening_vrij=vrij,
        voorziening_maatwerk=maatwerk, voorziening_elders=voorziening_elders, medewerker=medewerker,
        collega=make_medewerker(dh, "collega", Rol.MEDEWERKER, org=wering, team=team_noord, uren=24,
                                first_name="Pieter", last_name="Jansen"),
        andere_teamlid=make_medewerker(dh, "zuid", Rol.MEDEWERKER, org=gemeente_org, team=team_zuid, uren=36),
        buitenstaander=make_medewerker(vb, "buiten", Rol.MEDEWERKER, Rol.FUNCTIONEEL_BEHEERDER,
                                       Rol.PRIVACYFUNCTIONARIS, Rol.BELEIDSMEDEWERKER, Rol.TEAMLEIDER,
                                       Rol.BACKOFFICE, Rol.BUREAUDIENST, org=elders, team=team_dorp),
        backoffice=make_medewerker(dh, "backoffice", Rol.BACKOFFICE, org=gemeente_org),
        privacyfunctionaris=make_medewerker(dh, "privacy", Rol.PRIVACYFUNCTIONARIS, org=gemeente_org),
        beleidsmedewerker=make_medewerker(dh, "beleid", Rol.BELEIDSMEDEWERKER, org=gemeente_org),
        beheerder=make_medewerker(dh, "beheer", Rol.FUNCTIONEEL_BEHEERDER, org=gemeente_org),
        bureaudienst=make_medewerker(dh, "bureaudienst", Rol.MEDEWERKER, Rol.BUREAUDIENST, org=gemeente_org,
                                     team=team_zuid, first_name="Fatima", last_name="El Amrani"),
        kcc=make_medewerker(dh, "kcc", Rol.KCC, org=gemeente_org, first_name="Kees", last_name="Bakker"),
        gedragswetenschapper=make_medewerker(dh, "gw", Rol.GEDRAGSWETENSCHAPPER, org=wering, team=team_zuid,
                                             first_name="Ruud", last_name="de Graaf"),
    )
    Postcodegebied.objects.bulk_create([
        Postcodegebied(gemeente=dh, postcode4="1784", wijk=noord),
        Postcodegebied(gemeente=dh, postcode4="1787", wijk=zuid),
        Postcodegebied(gemeente=vb, postcode4="9999", wijk=dorp),
    ])
    leefgebieden_ensure(gemeente=dh)
    leefgebieden_ensure(gemeente=vb)
    Mandaat.objects.create(gemeente=dh, houder=world.backoffice, verlener="College van B&W", besluit="MB-1",
                           wmo=True, jeugdwet=True, geldig_van=datetime.date(2024, 1, 1))
    Mandaat.objects.create(gemeente=dh, houder=medewerker, verlener="College van B&W", besluit="MB-2",
                           wmo=True, geldig_van=datetime.date(2024, 1, 1), bevestigd_op=datetime.date(2024, 1, 5))
    return world


def totp_device(user: Medewerker) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def totp_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def login(client: Client, user: Medewerker) -> Client:
    """Both steps of logging in, as the middleware expects them (session + verified OTP device)."""
    client.force_login(user)
    device = totp_device(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


def synthetische_persoon(gemeente) -> dict:
    """A resident's name, birth date and phone drawn by core/synthetisch.py, with the first test-range BSN no
    resident of `gemeente` has yet (no address: the tests' wijken are set by postcode where it matters).
    Deterministic: seeded by how many residents the gemeente has."""
    from wijkregie.core import synthetisch
    from wijkregie.core.bsn import test_bsns
    from wijkregie.inwoners.models import Persoon

    personen = Persoon.objects.filter(gemeente=gemeente)
    getrokken = synthetisch.Generator(personen.count(), vandaag=datetime.date.today()).persoon().velden()
    bezet = set(personen.exclude(bsn="").values_list("bsn", flat=True))
    velden = {k: getrokken[k] for k in ("voornamen", "tussenvoegsel", "achternaam", "geboortedatum", "telefoon")}
    return velden | {"bsn": next(b for b in test_bsns() if b not in bezet)}


def make_persoon(world: World, voornamen: str | None = None, achternaam: str | None = None, *, team=None,
                 gemeente=None, toestemming=True, regisseur=None, **fields):
    """A resident of Den Helder (or `gemeente`) in a household of their own.

    Without a name, a synthetic resident (`synthetische_persoon`: name, birth date and a BSN); `fields` win.

    With `team`, the team works with the household: a running casus of that team (nobody allocated
    yet, or `regisseur`), and unless `toestemming=False` the resident's consent to discuss it in the team, so every
    colleague sees the file (docs/toegangsbeleid.md).
    """
    from wijkregie.casus.models import Casus, Status, Toestemming
    from wijkregie.inwoners.models import Huishouden, Hulprelatie, Lidmaatschap, Persoon

    gemeente = gemeente or world.den_helder
    if voornamen is None or achternaam is None:
        getrokken = synthetische_persoon(gemeente)
        naam = getrokken.pop("voornamen"), getrokken.pop("achternaam"), getrokken.pop("tussenvoegsel")
        if achternaam is None:
            achternaam, getrokken["tussenvoegsel"] = naam[1], naam[2]
        voornamen = voornamen or naam[0]
        fields = getrokken | fields
    persoon = Persoon.objects.create(gemeente=gemeente, voornamen=voornamen, achternaam=achternaam, **fields)
    huishouden = fields.pop("huishouden", None) or Huishouden.objects.create(
        gemeente=gemeente, naam=f"Huishouden {achternaam}"
    )
    Lidmaatschap.objects.create(gemeente=gemeente, persoon=persoon, huishouden=huishouden)
    if team is not None:
        Hulprelatie.objects.create(gemeente=gemeente, persoon=persoon, team=team, reden="test")
        Casus.objects.create(gemeente=gemeente, team=team, huishouden=huishouden, hoofdpersoon=persoon,
                             status=Status.VRAAGVERHELDERING, medewerker=regisseur)
        if toestemming:
            Toestemming.objects.create(gemeente=gemeente, persoon=persoon, scope="team")
    return persoon


def make_getekend_plan(world: World, casus):
    """A signed plan for `casus` (one goal, one Wmo maatwerk line), signed by Sanne under MB-2."""
    from wijkregie.organisatie.models import Leefgebied
    from wijkregie.plan import services as plan_services
    from wijkregie.plan.models import Arrangementregel, Doel

    plan = plan_services.plan_create(actor=world.medewerker, casus=casus)
    Doel.objects.create(gemeente=world.den_helder, plan=plan, omschrijving="Rekeningen zelf betalen",
                        leefgebied=Leefgebied.objects.get(gemeente=world.den_helder, naam="Financiën"))
    Arrangementregel.objects.create(gemeente=world.den_helder, plan=plan, soort="maatwerk", omschrijving="Begeleiding",
                                    wet="wmo", productcategorie="02", volume=Decimal("2"), eenheid="04", frequentie="2",
                                    ingangsdatum=datetime.date.today())
    plan.akkoord_wijze, plan.akkoord_op = "mondeling", datetime.date.today()
    plan.save()
    return plan_services.plan_sign(actor=world.medewerker, plan=plan)


def benoemde_urls() -> list:
    """Every named URL of the configuration as ("namespace:name", URLPattern), sorted: the generated tests
    (the access policy's every URL × every persona, the query budget's every page) walk the same list."""
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
                yield from walk(entry, ns)
            elif isinstance(entry, URLPattern) and entry.name:
                yield f"{prefix}{entry.name}", entry
    return sorted({naam: p for naam, p in walk(get_resolver())}.items())
