"""The access policy, checked against the code: every URL × every persona × every stage.

Generated from the URL configuration: a URL whose view carries no declaration (`toont`, in
organisatie/toegangsbeleid.py) fails the first test. For every other URL, each persona requests it
for a file at each stage of the route, with and without the household's team consent, and

- where the view shows a file's data, the answer is a page exactly when the table
  (docs/toegangsbeleid.md) gives the persona every kind the view declares, and a refusal (404 or 403)
  otherwise;
- a page that needs an action right answers a refusal to whoever lacks it;
- no answer contains a marker of a kind of data the table does not give the persona for that file:
  names (identiteit), telephone numbers (contact), the question, the triage, consents, plan goals and
  contactmomenten of all fourteen files are planted, and looked for in every page.

Documents made in the background (`/bestanden/<uuid>/`, core/views_achtergrond.py) are checked as jobs: every
persona owns a finished plan PDF of every file; its owner gets the status page, and the download and a new
attempt while the table gives them the file's documents; every other persona gets 404 for it.

The oracle below derives each persona's relations from the fixture by hand, not from the selectors,
so a selector that says more (or less) than the table is caught.

The fourteen files, the personas' sessions and the jobs are built once for the module, inside a transaction
that is rolled back at its end; each URL's test runs in a savepoint of it (pytest-django's `db`) and each
request in one more, so nothing a request writes reaches the next.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from wijkregie.casus.models import Casus, Status, Toestemming
from wijkregie.core import achtergrond
from wijkregie.core.models import Achtergrondbestand
from wijkregie.inwoners.models import Huishouden, Lidmaatschap, Persoon
from wijkregie.monitor.models import Clientervaring
from wijkregie.organisatie.models import Leefgebied, Rol
from wijkregie.organisatie.toegangsbeleid import Betrekking, Gegevens, Stadium, gegevens_voor
from wijkregie.plan.achtergrond import PlanPdf
from wijkregie.plan.models import Arrangementregel, Consult, Doel, Ondersteuningsplan
from wijkregie.regie.models import CheckIn, Contactmoment, Evaluatie
from wijkregie.testing import World, benoemde_urls, build_world, login, make_medewerker
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Signaal, Triage

B, G, S = Betrekking, Gegevens, Stadium
CASUS_STATUS = {S.TOEGEDEELD: Status.VRAAGVERHELDERING, S.PLAN: Status.PLAN, S.UITVOERING: Status.UITVOERING,
                S.AFGESCHAALD: Status.AFGESCHAALD, S.AFGESLOTEN: Status.AFGESLOTEN}
PERSONAS = ("kcc", "bureaudienst", "medewerker", "collega", "teamleider", "gedragswetenschapper", "andere_teamlid",
            "backoffice", "beleidsmedewerker", "privacyfunctionaris", "beheerder", "buitenstaander")
# Django's admin is for technical superusers only and has its own permission system. The partner API
# authenticates by key, never by session: every persona's session gets 401 there, which
# api/tests/test_sessie_geen_toegang.py checks for each of its URLs.
BUITEN_BELEID = ("admin", "api")
WEIGERING = (403, 404)
# Pages about one of Den Helder's own wijken, teams or voorzieningen (other pages show the user's own gemeente).
GEMEENTEGEBONDEN = {"organisatie:wijk", "organisatie:team", "organisatie:voorziening", "organisatie:beheer_bewerk",
                    "organisatie:medewerker_tweestaps_opnieuw", "monitor:wijk", "monitor:team"}
MODELLEN = {"aanmelding": Aanmelding, "casus": Casus, "persoon": Persoon, "evaluatie": Evaluatie, "checkin": CheckIn,
            "consult": Consult, "clientervaring": Clientervaring}
#: What a job's document holds (the plan PDF: the file's documents). Its download, and a new attempt (which asks
#: the policy again for the document's object), are for the owner while the table gives them this.
BESTAND_GEGEVENS = frozenset({G.DOCUMENTEN})
#: The file whose jobs every persona asks for as a non-owner (the stage where the most personas own a visible one).
BESTAND_VREEMD = "UitvoeringMet"


@dataclass
class Dossier:
    """One resident's file at one stage, with a marker for every kind of data in it."""

    sleutel: str
    stadium: str
    toestemming_team: bool
    persoon: Persoon
    aanmelding: Aanmelding
    casus: Casus | None = None
    toestemming: Toestemming | None = None
    objecten: dict = field(default_factory=dict)

    @property
    def markers(self) -> dict[str, str]:
        return {
            self.persoon.achternaam: G.IDENTITEIT,
            self.persoon.telefoon: G.CONTACT,
            f"BEREIKBAARMARKER{self.sleutel}": G.CONTACT,
            f"VRAAGMARKER{self.sleutel}": G.VRAAG,
            f"TRIAGEMARKER{self.sleutel}": G.TRIAGE,
            f"TOESTEMMINGMARKER{self.sleutel}": G.TOESTEMMING,
            f"PLANMARKER{self.sleutel}": G.PLAN,
            f"CONTACTMARKER{self.sleutel}": G.CONTACTMOMENTEN,
        }


def _dossier(world, nummer: int, stadium: str, toestemming_team: bool) -> Dossier:
    gemeente = world.den_helder
    sleutel = f"{stadium.capitalize()}{'Met' if toestemming_team else 'Zonder'}"
    persoon = Persoon.objects.create(gemeente=gemeente, voornamen="Beleid", achternaam=f"Dossier{sleutel}",
                                     geboortedatum=datetime.date(1980, 1, 1), telefoon=f"06{nummer + 10:08d}")
    huishouden = Huishouden.objects.create(gemeente=gemeente, naam=f"Huishouden {sleutel}")
    Lidmaatschap.objects.create(gemeente=gemeente, persoon=persoon, huishouden=huishouden)
    aanmelding = Aanmelding.objects.create(
        gemeente=gemeente, kanaal="telefoon", vraag=f"VRAAGMARKER{sleutel}", persoon=persoon, huishouden=huishouden,
        contact=f"BEREIKBAARMARKER{sleutel}",
        geregistreerd_door=world.kcc, status=AanmeldingStatus.BUREAUDIENST,
    )
    d = Dossier(sleutel, stadium, toestemming_team, persoon, aanmelding)
    if stadium != S.AANMELDING:
        Triage.objects.create(gemeente=gemeente, aanmelding=aanmelding, veiligheid="nee", aard="enkelvoudig",
                              uitkomst="wijkteam", veiligheid_toelichting=f"TRIAGEMARKER{sleutel}")
    d.toestemming = Toestemming.objects.create(
        gemeente=gemeente, persoon=persoon, scope="delen", organisatie=world.wering, doel=f"TOESTEMMINGMARKER{sleutel}",
        wijze="schriftelijk", document=SimpleUploadedFile("verklaring.pdf", b"%PDF-1.4 test"))
    if toestemming_team:
        Toestemming.objects.create(gemeente=gemeente, persoon=persoon, scope="team")
    if stadium in CASUS_STATUS:
        casus = Casus.objects.create(gemeente=gemeente, team=world.team_noord, medewerker=world.medewerker,
                                     huishouden=huishouden, hoofdpersoon=persoon, status=CASUS_STATUS[stadium])
        Aanmelding.objects.filter(pk=aanmelding.pk).update(status=AanmeldingStatus.TOEGEDEELD, casus=casus,
                                                           team=world.team_noord, medewerker=world.medewerker)
        aanmelding.refresh_from_db()
        d.casus = casus
        plan = Ondersteuningsplan.objects.create(gemeente=gemeente, casus=casus, aangemaakt_door=world.medewerker)
        doel = Doel.objects.create(gemeente=gemeente, plan=plan, omschrijving=f"PLANMARKER{sleutel}",
                                   leefgebied=Leefgebied.objects.filter(gemeente=gemeente).first())
        regel = Arrangementregel.objects.create(gemeente=gemeente, plan=plan, doel=doel, soort="eigen_kracht",
                                                omschrijving=f"PLANMARKER{sleutel} netwerk", wie="De buurvrouw")
        Contactmoment.objects.create(
            gemeente=gemeente, casus=casus, met_wie="inwoner", notitie=f"CONTACTMARKER{sleutel}", door=world.medewerker
        )
        vandaag = timezone.localdate()
        d.objecten = {
            "casus": casus.pk, "doel": doel.pk, "regel": regel.pk,
            "evaluatie": Evaluatie.objects.create(gemeente=gemeente, casus=casus, plan=plan, gepland_op=vandaag).pk,
            "checkin": CheckIn.objects.create(gemeente=gemeente, casus=casus, medewerker=world.medewerker,
                                              gepland_op=vandaag).pk,
            "consult": Consult.objects.create(gemeente=gemeente, casus=casus, gevraagd_aan=world.gedragswetenschapper,
                                              vraag="Kijk je mee?", gevraagd_door=world.medewerker).pk,
            "clientervaring": Clientervaring.objects.create(
                gemeente=gemeente, casus=casus, aanleiding="afsluiting", bron=f"afsluiting:{casus.pk}",
                geldig_tot=vandaag + datetime.timedelta(days=30)).pk,
        }
    d.objecten.update(aanmelding=aanmelding.pk, persoon=persoon.pk)
    return d


def _relaties(persona: str, d: Dossier) -> set[str]:
    """The oracle: which relations the persona has with this file, read off the fixture by hand."""
    relaties = {"kcc": {B.KCC}, "bureaudienst": {B.BUREAUDIENST}, "backoffice": {B.BACKOFFICE}}.get(persona, set())
    if d.casus is not None:  # the file is team Noord's, allocated to Sanne (medewerker), a consult with Ruud
        team = {B.TEAM_ZONDER_TOESTEMMING} | ({B.TEAM_MET_TOESTEMMING} if d.toestemming_team else set())
        relaties |= {
            "medewerker": {B.REGISSEUR} | team, "collega": team, "teamleider": {B.TEAMLEIDER} | team,
            "gedragswetenschapper": {B.CONSULENT},
        }.get(persona, set())
    return relaties


def _mag(persona: str, d: Dossier, via=None) -> frozenset[str]:
    relaties = _relaties(persona, d)
    return gegevens_voor(relaties if via is None else relaties & via, d.stadium)


@dataclass
class Beleidswereld:
    """The module's world: the personas, a session of each, the fourteen files, a signal and the jobs."""

    world: World
    users: dict
    sessies: dict[str, str]
    dossiers: list[Dossier]
    signaal: Signaal
    # Per file (its sleutel): every persona's job, a finished plan PDF of that file.
    bestanden: dict[str, dict[str, str]]
    # Per persona: the markers of kinds the table does not give it, with the file they belong to.
    verboden: dict[str, list[tuple[str, str, Dossier]]]
    # The oracle's answers that depend on the data only (never on a request): the objects and the action rules.
    objecten: dict = field(default_factory=dict)
    rechten: dict = field(default_factory=dict)

    def object(self, over: str, d: Dossier):
        sleutel = (over, d.sleutel)
        if sleutel not in self.objecten:
            self.objecten[sleutel] = MODELLEN[over].objects.get(pk=d.objecten[over])
        return self.objecten[sleutel]

    def mag_actie(self, persona: str, perm: str | None, obj=None, sleutel=None) -> bool:
        if perm is None:
            return True
        if (persona, perm, sleutel) not in self.rechten:
            user = self.users[persona]
            self.rechten[persona, perm, sleutel] = user.has_perm(perm, obj) if obj is not None else user.has_perm(perm)
        return self.rechten[persona, perm, sleutel]


def _sessie(user) -> str:
    """A two-step session for `user`, as `login` makes it, valid for the whole run: the idle refresh
    (SessionIdleTimeoutMiddleware) would otherwise write it on every request, and a slow run outlast it."""
    from django.contrib.sessions.backends.db import SessionStore

    sessie = SessionStore(session_key=login(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value)
    sessie["_touched"] = 2**40
    sessie.set_expiry(datetime.timedelta(days=1))
    sessie.save()
    return sessie.session_key


def _bestanden(users, dossiers) -> dict[str, dict[str, str]]:
    """Every persona's finished plan PDF of every file with a plan, stored as the worker stores one."""
    nu = timezone.now()
    bestanden: dict[str, dict[str, str]] = {}
    for d in dossiers:
        if d.casus is None:
            continue
        bestanden[d.sleutel] = {}
        for persona in PERSONAS:
            user = users[persona]
            b = Achtergrondbestand.objects.create(
                gemeente_id=user.gemeente_id, eigenaar=user, soort=achtergrond.soort_pad(PlanPdf),
                parameters={"pk": d.casus.pk, "versie": 1}, status=achtergrond.Status.KLAAR, klaar_op=nu,
                verloopt_op=nu + achtergrond.BESTAND_BEWAARDUUR, bestandsnaam=f"ondersteuningsplan-{d.casus.pk}-v1.pdf",
                content_type="application/pdf", client_ids=[d.persoon.pk], omschrijving="plan versie 1 als pdf")
            naam = b.bestand.storage.save(f"achtergrond/{b.pk}.bin",
                                          ContentFile(f"%PDF-1.4 {d.persoon.achternaam}".encode()))
            Achtergrondbestand.objects.filter(pk=b.pk).update(bestand=naam)
            bestanden[d.sleutel][persona] = str(b.pk)
    return bestanden


def _bouw(world: World) -> Beleidswereld:
    users = {naam: getattr(world, naam) for naam in PERSONAS if hasattr(world, naam)}
    users["teamleider"] = make_medewerker(world.den_helder, "teamleider", Rol.TEAMLEIDER, Rol.MEDEWERKER,
                                          org=world.wering, team=world.team_noord)
    dossiers = [
        _dossier(world, i * 2 + int(met), stadium, met)
        for i, stadium in enumerate(Stadium) for met in (False, True)
    ]
    signaal = Signaal.objects.create(gemeente=world.den_helder, bron="energie", melder="Partner",
                                     omschrijving="Achterstand", geregistreerd_door=world.kcc)
    verboden = {
        persona: [(marker, soort, d) for d in dossiers for marker, soort in d.markers.items()
                  if soort not in _mag(persona, d)]
        for persona in PERSONAS
    }
    return Beleidswereld(world=world, users=users, sessies={p: _sessie(u) for p, u in users.items()},
                         dossiers=dossiers, signaal=signaal, bestanden=_bestanden(users, dossiers), verboden=verboden)


@pytest.fixture(scope="module")
def beleidswereld(_world_once, django_db_blocker, tmp_path_factory):
    """Built once for the module in a transaction of its own, rolled back after the module's last test (so no
    other test ever sees these files). Each test's `db` savepoint nests inside it."""
    instellingen = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("beleid-documenten"),
                                     PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    instellingen.enable()
    with django_db_blocker.unblock():
        build_world()  # committed first: a transactional test before this module may have flushed it
        blok = transaction.atomic()
        blok.__enter__()
        try:
            bw = _bouw(build_world())
        except BaseException:
            transaction.set_rollback(True)
            blok.__exit__(None, None, None)
            instellingen.disable()
            raise
    yield bw
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        blok.__exit__(None, None, None)
    instellingen.disable()


ALLE_URLS = [naam for naam, _p in benoemde_urls()]
BELEID_URLS = [naam for naam in ALLE_URLS if naam.split(":")[0] not in BUITEN_BELEID]


def _beleid(naam: str) -> dict | None:
    return getattr(dict(benoemde_urls())[naam].callback, "toegangsbeleid", None)


def test_it_has_a_policy_entry_for_every_url():
    zonder = [naam for naam in BELEID_URLS if _beleid(naam) is None]
    assert not zonder, f"URLs zonder regel in het toegangsbeleid (toont(...) op de view): {zonder}"


def _alleen_post(view) -> bool:
    """A view behind `require_POST` (the outermost wrapper after `toont`): a GET would only answer 405."""
    code = getattr(view, "__code__", None)
    if code is None or "request_method_list" not in code.co_freevars or not view.__closure__:
        return False
    return "GET" not in view.__closure__[code.co_freevars.index("request_method_list")].cell_contents


def _vraag(client, sessie: str, url: str, alleen_post: bool = False):
    """GET, or for a POST-only page an empty POST, as the persona of `sessie` (and nothing else the client
    kept), inside a savepoint so nothing it writes stays."""
    client.cookies = SimpleCookie({settings.SESSION_COOKIE_NAME: sessie})
    sid = transaction.savepoint()
    try:
        response = None if alleen_post else client.get(url)
        if response is None or response.status_code == 405:
            response = client.post(url, {})
        return response
    finally:
        transaction.savepoint_rollback(sid)


def _geen_lek(bw: Beleidswereld, persona: str, response, waar: str) -> None:
    inhoud = response.content.decode("utf-8", "replace") if not getattr(response, "streaming", False) else ""
    for marker, soort, d in bw.verboden[persona]:
        assert marker not in inhoud, (
            f"{waar}: {persona} ziet {soort} van dossier {d.sleutel} ({d.stadium}), "
            f"het beleid geeft {sorted(_mag(persona, d))}")


def _object_kwargs(pattern, over: str, d: Dossier) -> dict | None:
    kwargs = {}
    for naam in pattern.pattern.regex.groupindex:
        if naam == "pk":
            if over not in d.objecten:
                return None
            kwargs["pk"] = d.objecten[over]
        elif naam == "versie":
            kwargs["versie"] = 1
        elif naam == "toestemming_pk":
            kwargs["toestemming_pk"] = d.toestemming.pk
        elif naam in ("doel", "regel") and naam in d.objecten:
            kwargs[naam] = d.objecten[naam]
        else:
            return None
    return kwargs


def _vaste_kwargs(naam: str, world) -> dict:
    """Arguments of pages about the organisation (not about a resident's file)."""
    return {
        "organisatie:wijk": {"slug": world.noord.slug}, "organisatie:team": {"slug": world.team_noord.slug},
        "organisatie:voorziening": {"pk": world.voorziening_vrij.pk},
        "organisatie:beheer_lijst": {"soort": "wijken"}, "organisatie:beheer_nieuw": {"soort": "wijken"},
        "organisatie:beheer_bewerk": {"soort": "wijken", "pk": world.noord.pk},
        "monitor:wijk": {"pk": world.noord.pk}, "monitor:team": {"pk": world.team_noord.pk},
        "monitor:export": {"formaat": "csv"}, "toegang:hulp_vragen": {"gemeente": world.den_helder.slug},
        "toegang:hulp_verstuurd": {"gemeente": world.den_helder.slug}, "ervaring": {"token": "onbekend"},
        "core:activeren_link": {"token": "onbekend"},
        "organisatie:medewerker_tweestaps_opnieuw": {"pk": world.medewerker.pk},
    }.get(naam, {})


@pytest.mark.parametrize("naam", [n for n in BELEID_URLS])
def test_it_answers_every_persona_at_every_stage_as_the_table_says(client, db, beleidswereld, naam):
    beleid = _beleid(naam)
    assert beleid is not None, f"{naam} heeft geen regel in het toegangsbeleid"
    bw = beleidswereld
    pattern = dict(benoemde_urls())[naam]
    over, perm, gegevens = beleid["over"], beleid["perm"], beleid["gegevens"]
    alleen_post = _alleen_post(pattern.callback)
    if over == "achtergrondbestand":
        _bestanden_volgens_tabel(client, bw, naam, gegevens, alleen_post)
        return
    for persona in PERSONAS:
        sessie = bw.sessies[persona]
        mag_actie = bw.mag_actie(persona, perm)
        if over == "signaal":
            response = _vraag(client, sessie, reverse(naam, kwargs={"pk": bw.signaal.pk}), alleen_post)
            verwacht = bw.mag_actie(persona, "toegang.signalen") and persona != "buitenstaander"
            assert (response.status_code not in WEIGERING) == verwacht, (naam, persona, response.status_code)
            continue
        if over is None:
            kwargs = _vaste_kwargs(naam, bw.world)
            response = _vraag(client, sessie, reverse(naam, kwargs=kwargs), alleen_post)
            waar = f"{naam} als {persona}"
            if beleid["publiek"]:
                assert response.status_code not in WEIGERING or kwargs, waar
            elif not mag_actie:
                assert response.status_code in WEIGERING, f"{waar}: geen recht op {perm}, toch {response.status_code}"
            elif persona == "buitenstaander" and naam in GEMEENTEGEBONDEN:
                assert response.status_code in WEIGERING, f"{waar}: andere gemeente, toch {response.status_code}"
            elif gegevens and perm is None:
                # A list of residents is there for every medewerker; it shows only whom they may see.
                assert response.status_code == 200, f"{waar}: {response.status_code}"
            _geen_lek(bw, persona, response, waar)
            continue
        for d in bw.dossiers:
            kwargs = _object_kwargs(pattern, over, d)
            if kwargs is None:
                continue
            response = _vraag(client, sessie, reverse(naam, kwargs=kwargs), alleen_post)
            mag_actie = bw.mag_actie(persona, perm, bw.object(over, d), (over, d.sleutel))
            verwacht = mag_actie and gegevens <= _mag(persona, d, beleid["via"])
            waar = f"{naam} als {persona}, dossier {d.sleutel}"
            if verwacht:
                assert response.status_code not in WEIGERING, (
                    f"{waar}: het beleid geeft {sorted(_mag(persona, d))} maar het antwoord is {response.status_code}")
            else:
                assert response.status_code in WEIGERING, (
                    f"{waar}: het beleid geeft {sorted(_mag(persona, d))}, de pagina toont {sorted(gegevens)}, "
                    f"maar het antwoord is {response.status_code}")
            _geen_lek(bw, persona, response, waar)


def _bestanden_volgens_tabel(client, bw: Beleidswereld, naam: str, gegevens, alleen_post: bool) -> None:
    """A job's pages: its owner gets the status page, and the download and a new attempt while the table gives
    them what the document holds; everyone else gets 404 (not 403: whose jobs exist is nobody else's business)."""
    nodig = gegevens if naam == "core:bestand" else gegevens | BESTAND_GEGEVENS
    for persona in PERSONAS:
        sessie = bw.sessies[persona]
        for d in bw.dossiers:
            if d.sleutel not in bw.bestanden:
                continue
            response = _vraag(client, sessie, reverse(naam, kwargs={"id": bw.bestanden[d.sleutel][persona]}),
                              alleen_post)
            waar = f"{naam} als {persona}, eigen bestand van dossier {d.sleutel}"
            if nodig <= _mag(persona, d):
                assert response.status_code not in WEIGERING, (
                    f"{waar}: het beleid geeft {sorted(_mag(persona, d))} maar het antwoord is {response.status_code}")
            else:
                assert response.status_code in WEIGERING, (
                    f"{waar}: het beleid geeft {sorted(_mag(persona, d))}, het bestand houdt {sorted(nodig)}, "
                    f"maar het antwoord is {response.status_code}")
            _geen_lek(bw, persona, response, waar)
        for eigenaar, id in bw.bestanden[BESTAND_VREEMD].items():
            if eigenaar == persona:
                continue
            response = _vraag(client, sessie, reverse(naam, kwargs={"id": id}), alleen_post)
            assert response.status_code == 404, (
                f"{naam} als {persona}, bestand van {eigenaar}: het antwoord is {response.status_code}")
