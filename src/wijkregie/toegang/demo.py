"""Demo residents in real households and three years of aanmeldingen for Den Helder.

The residents, their households and the aanmeldingen' routes are drawn by core/synthetisch.py (the one
generator the tests and the bench use too: Dutch names, test-range BSNs, singles, couples, families whose
parents have gezag, single parents, and children of separated parents who belong to two households: they
live with one parent (`woont_hier`) and stay with the other, at another address, who keeps gezag); this
module writes them as the demo's history. A few households are always there, with an open casus, so that
every page shows them (VOORBEELDEN).

Rates follow the 2014 pilot (seed 004 Tabel 6 and 7), scaled to the whole gemeente: about 550 aanmeldingen
a year for 27.196 households. One household, one casus (as toegang.services does it): a question of a
household whose casus is open joins that casus, with a Toedeling 'nieuwe vraag binnen lopende casus N';
regie/demo.py closes some casussen later and gives the questions that came after a closure a casus of
their own. Consent to discuss the casus in the team is recorded for every member of the household by
the age rules of casus/toestemming.py; a few households deliberately lack one member's consent
(`_weigeraar`). History is written directly (not through the services) because it happened in the
past; the audit trail gets one event for the load.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from wijkregie.casus.models import Casus, GegevenAls, Statusovergang, Toestemming, ToestemmingScope
from wijkregie.casus.toestemming import LEEFTIJD_MEE, LEEFTIJD_ZELF, jaren_terug
from wijkregie.core import synthetisch
from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.inwoners.models import Huishouden, Hulprelatie, Lidmaatschap, Persoon, Relatie, zoeknaam
from wijkregie.organisatie.models import Leefgebied, Medewerker, Postcodegebied, Team, Voorziening, Wijk
from wijkregie.organisatie.services import leefgebieden_ensure

from .models import Aanmelding, Signaal, Toedeling, Triage

PER_JAAR_PER_HUISHOUDEN = 550 / 27196
# Households that are always there (first, in the wijk of the demo account 'medewerker', with her as
# regisseur of their open casus): three of four, two parents with gezag and children of 10 and 14, and a
# single parent whose children of 13 and 8 also belong to the household of the other parent.
VOORBEELD_WIJK = "Nieuw Den Helder"
VOORBEELD_REGISSEUR = "medewerker"
VOORBEELDEN = [("gezin", [14, 10]), ("gezin", [14, 10]), ("gezin", [14, 10]), ("gescheiden", [13, 8])]
# Their questions come in within this many days before today (open: regie/demo.py closes none so young).
VOORBEELD_DAGEN = 80
# Every this-many-th casus of a household of more than one lacks one member's team consent (the demo
# shows what a colleague then does not see); so does the second household of four: its 14-year-old
# did not consent, the parents did.
ZONDER_VOLLEDIGE_TOESTEMMING = 15
WEIGERT_VOORBEELD = 1


def _woonwijk(wijk: Wijk) -> synthetisch.Woonwijk:
    return synthetisch.Woonwijk(
        sleutel=wijk, gewicht=wijk.huishoudens, postcodes=synthetisch.POSTCODES_DEN_HELDER.get(wijk.naam, ["1781"]),
        woonplaats="Julianadorp" if wijk.naam == "Julianadorp" else "Den Helder",
    )


@dataclass
class _Lid:
    persoon: Persoon
    relatie: str
    van: datetime.date
    gezag: bool = False
    woont_hier: bool = True


@dataclass(eq=False)
class _Huishouden:
    huishouden: Huishouden
    leden: list[_Lid] = field(default_factory=list)

    @property
    def hoofd(self) -> Persoon:
        return self.leden[0].persoon


def _opslaan(gemeente, records: list[synthetisch.Huishouden]) -> list[_Huishouden]:
    """The generator's households as rows, in three bulk inserts (a child of separated parents is one
    Persoon with two memberships)."""
    personen: dict[int, Persoon] = {}
    for record in records:
        for lid in record.leden:
            p = lid.persoon
            if p.nummer not in personen:
                personen[p.nummer] = Persoon(gemeente=gemeente, wijk=p.adres.wijk, **p.velden(),
                                             zoeknaam=zoeknaam(p.voornamen, p.tussenvoegsel, p.achternaam))
    huishoudens = [
        _Huishouden(Huishouden(gemeente=gemeente, naam=record.naam),
                    [_Lid(personen[lid.persoon.nummer], lid.relatie, lid.van, lid.gezag, lid.woont_hier)
                     for lid in record.leden])
        for record in records
    ]
    Huishouden.objects.bulk_create([hh.huishouden for hh in huishoudens])
    Persoon.objects.bulk_create(list(personen.values()))
    Lidmaatschap.objects.bulk_create([
        Lidmaatschap(gemeente=gemeente, persoon=lid.persoon, huishouden=hh.huishouden, relatie=lid.relatie,
                     van=lid.van, gezag=lid.gezag, woont_hier=lid.woont_hier)
        for hh in huishoudens for lid in hh.leden
    ])
    return huishoudens


def _weigeraar(hh: _Huishouden, vandaag: datetime.date) -> Persoon | None:
    """Who in this household did not consent: a child of 12 to 15 if there is one (the parents did),
    else an adult other than the hoofdpersoon."""
    tieners = [lid.persoon for lid in hh.leden
               if lid.relatie == Relatie.KIND and LEEFTIJD_MEE <= lid.persoon.leeftijd(vandaag) < LEEFTIJD_ZELF]
    if tieners:
        return tieners[0]
    anderen = [lid.persoon for lid in hh.leden[1:] if lid.persoon.leeftijd(vandaag) >= LEEFTIJD_ZELF]
    return anderen[0] if anderen else None


def _toestemmingen(gemeente, hh: _Huishouden, casus: Casus, *, op: datetime.datetime, door, rng: random.Random,
                   gegeven: dict[int, set[str]], geweigerd: set[int]) -> list[Toestemming]:
    """Team consent for every member of the household, by the age rules (casus/toestemming.py) at the
    moment it was given: at allocation, or when the member joined or was born. Under 12 a parent with
    gezag gives it; 12 to 15 the child and a parent; from 16 the person. A child who has turned 12
    since is asked then too. Who already consented (a child in two households) is not asked again;
    who declined (`geweigerd`) gives no consent of their own, while a parent's for a child still counts."""
    now = timezone.now()
    vandaag = timezone.localdate(now)
    gezaghebbend = [lid.persoon for lid in hh.leden if lid.gezag]
    rijen = []
    for lid in hh.leden:
        p = lid.persoon
        moment = max(
            op,
            timezone.make_aware(
                datetime.datetime.combine(max(lid.van, p.geboortedatum + timedelta(days=14)), datetime.time(11))
            ),
        )
        moment = min(moment, now)
        leeftijd = synthetisch.leeftijd(p.geboortedatum, timezone.localdate(moment))
        nodig = []  # (gegeven_als, when)
        if leeftijd >= LEEFTIJD_MEE:
            nodig.append((GegevenAls.ZELF, moment))
        elif p.leeftijd(vandaag) >= LEEFTIJD_MEE:  # turned 12 since: now the child consents too
            twaalf = timezone.make_aware(datetime.datetime.combine(
                jaren_terug(p.geboortedatum, -LEEFTIJD_MEE) + timedelta(days=rng.randint(0, 30)), datetime.time(11)))
            nodig.append((GegevenAls.ZELF, min(twaalf, now)))
        if leeftijd < LEEFTIJD_ZELF and lid.relatie == Relatie.KIND:
            nodig.append((GegevenAls.GEZAG, moment))
        for als, wanneer in nodig:
            if als in gegeven.setdefault(p.pk, set()) or als == GegevenAls.ZELF and p.pk in geweigerd:
                continue
            if als == GegevenAls.GEZAG and not gezaghebbend:
                continue
            gegeven[p.pk].add(als)
            rijen.append(Toestemming(
                gemeente=gemeente, persoon=p, casus=casus, scope=ToestemmingScope.TEAM, gegeven_als=als,
                gegeven_door=gezaghebbend[0] if als == GegevenAls.GEZAG else None, gegeven_op=wanneer,
                vastgelegd_door=door,
            ))
    return rijen


def load_toegang(gemeente, *, households: int = 1000, seed: int = 2014) -> int:
    """Adds residents and three years of aanmeldingen, once. Returns the number of records created."""
    if Persoon.objects.filter(gemeente=gemeente).exists():
        return 0
    now = timezone.now()
    vandaag = timezone.localdate(now)
    gen = synthetisch.Generator(seed, vandaag=vandaag)
    rng = gen.rng
    created = 0
    with transaction.atomic():
        leefgebieden_ensure(gemeente=gemeente)
        wijken = {w.naam: w for w in Wijk.objects.filter(gemeente=gemeente)}
        for naam, codes in synthetisch.POSTCODES_DEN_HELDER.items():
            for code in codes:
                if naam in wijken:
                    Postcodegebied.objects.get_or_create(
                        gemeente=gemeente, postcode4=code, defaults={"wijk": wijken[naam]}
                    )
        gen.wijken = [_woonwijk(w) for w in wijken.values()]
        records: list[synthetisch.Huishouden] = []
        voorbeeld_records: list[synthetisch.Huishouden] = []
        for soort, kinderen in VOORBEELDEN:
            if len(records) + 2 <= households:
                wijk = _woonwijk(wijken[VOORBEELD_WIJK]) if VOORBEELD_WIJK in wijken else None
                gezin = gen.gezin(kinderen, partner=soort == "gezin", wijk=wijk, co_ouder=soort == "gescheiden")
                voorbeeld_records.append(gezin[0])
                records += gezin
        records += gen.bevolking(households - len(records))
        huishoudens = _opslaan(gemeente, records)
        created += len(huishoudens) + gen.personen + sum(len(hh.leden) for hh in huishoudens)
        geschreven = {id(record): hh for record, hh in zip(records, huishoudens)}
        voorbeelden = [geschreven[id(record)] for record in voorbeeld_records]
        hoofden = [hh.hoofd for hh in huishoudens]
        huishouden_van = {hh.hoofd.pk: hh for hh in huishoudens}

        teams = {t.pk: t for t in Team.objects.filter(gemeente=gemeente).prefetch_related("wijken")}
        team_van_wijk = {w.pk: t for t in teams.values() for w in t.wijken.all()}
        leden_van_team: dict[int, list[Medewerker]] = {}
        for m in Medewerker.objects.filter(
            gemeente=gemeente, is_active=True, teamlidmaatschappen__isnull=False
        ).prefetch_related("teamlidmaatschappen"):
            for lid in m.teamlidmaatschappen.all():
                leden_van_team.setdefault(lid.team_id, []).append(m)
        bureaudienst = Medewerker.objects.filter(gemeente=gemeente, roltoewijzingen__rol="bureaudienst").first()
        kcc = Medewerker.objects.filter(gemeente=gemeente, roltoewijzingen__rol="kcc").first()
        regisseur = Medewerker.objects.filter(gemeente=gemeente, username=VOORBEELD_REGISSEUR).first()
        vrij = list(Voorziening.objects.filter(gemeente=gemeente, toegang="vrij"))
        domeinen = list(Leefgebied.objects.filter(gemeente=gemeente))

        # Three years of history, so that files, reopenings and trends span years.
        jaren = 3
        aantal = max(200, round(PER_JAAR_PER_HUISHOUDEN * households)) * jaren
        open_casus: dict[int, Casus] = {}  # per household: its open casus (one household, one casus)
        te_ontvangen = [hh.hoofd for hh in voorbeelden]  # the example households' questions, still to come
        gegeven: dict[int, set[str]] = {}
        geweigerd: set[int] = set()
        casussen_met_toestemming = 0
        tijden = gen.ontvangsttijden(aantal, now - timedelta(days=365 * jaren), now)
        for ontvangen in tijden:
            hoofd = rng.choice(hoofden)
            route = gen.route()
            kanaal, aard, anoniem = route.kanaal, route.aard, route.anoniem
            leeftijd_dagen = (now - ontvangen).days
            if te_ontvangen and aard != "informatie" and not anoniem and 2 < leeftijd_dagen <= VOORBEELD_DAGEN:
                hoofd = te_ontvangen.pop(0)
            hh = None if anoniem else huishouden_van[hoofd.pk]
            aanmelding = Aanmelding(
                gemeente=gemeente,
                kanaal=kanaal,
                vraag=route.vraag,
                ontvangen_op=ontvangen,
                geregistreerd_op=ontvangen + timedelta(minutes=rng.randint(2, 90)),
                geregistreerd_door=kcc,
                persoon=None if anoniem else hoofd,
                huishouden=None if anoniem else hh.huishouden,
                anoniem_naam=f"{gen.voornaam()} {hoofd.achternaam}" if anoniem else "",
                postcode=hoofd.postcode,
                contact=hoofd.telefoon,
                verwijzer=route.verwijzer,
                verwijzer_naam=route.verwijzer_naam,
            )
            if aard == "informatie":
                aanmelding.status = "voorkant"
                aanmelding.advies = "Informatie gegeven en verwezen naar een vrij toegankelijke voorziening."
                aanmelding.voorziening = rng.choice(vrij) if vrij else None
                aanmelding.eerste_contact_op = ontvangen + timedelta(hours=rng.randint(1, 30))
                aanmelding.afgehandeld_op = aanmelding.eerste_contact_op
                aanmelding.save()
                created += 1
                continue
            team = team_van_wijk.get(hoofd.wijk_id) or next(iter(teams.values()))
            medewerker = rng.choice(leden_van_team.get(team.pk, [None]))
            if hh in voorbeelden and regisseur is not None and regisseur in leden_van_team.get(team.pk, []):
                medewerker = regisseur
            wacht_dagen = route.wachtdagen
            lopend = open_casus.get(hh.huishouden.pk) if hh else None
            if lopend is not None:  # the casus' team and regisseur
                team, medewerker = lopend.team, lopend.medewerker
            # Most are allocated within two days; a few recent ones still wait at the bureaudienst. A
            # question of a household with an open casus joins it at once (toegang.services).
            toegedeeld = leeftijd_dagen > 2 or lopend is not None
            aanmelding.status = "toegedeeld" if toegedeeld else "bureaudienst"
            if toegedeeld:
                aanmelding.team, aanmelding.medewerker = team, medewerker
                aanmelding.toegedeeld_op = ontvangen + timedelta(hours=rng.randint(2, 48))
                if lopend is not None:
                    # Not before the casus opened (a question registered just before joins when the
                    # bureaudienst gets to it), and not in the future.
                    aanmelding.toegedeeld_op = min(
                        now,
                        max(
                            aanmelding.toegedeeld_op if leeftijd_dagen > 2 else aanmelding.geregistreerd_op,
                            lopend.geopend_op,
                        ),
                    )
                if wacht_dagen < leeftijd_dagen:
                    aanmelding.eerste_contact_op = min(
                        now,
                        max(aanmelding.toegedeeld_op, ontvangen + timedelta(days=wacht_dagen, hours=rng.randint(1, 8))),
                    )
            aanmelding.save()
            urgentie, veiligheid = route.urgentie, route.veiligheid
            triage = Triage.objects.create(
                gemeente=gemeente, aanmelding=aanmelding, urgentie=urgentie, veiligheid=veiligheid,
                veiligheid_toelichting="Zorgen over spanningen thuis." if veiligheid != "nee" else "",
                meervoudig=aard.startswith("meervoudig"), aard=aard,
                uitkomst="vraagverheldering" if aard.startswith("meervoudig") else "kortdurend",
                vraagverheldering_door=medewerker if aard.startswith("meervoudig") else None,
                door=bureaudienst, op=ontvangen + timedelta(hours=rng.randint(1, 24)),
            )
            triage.leefgebieden.set(rng.sample(domeinen, k=3 if triage.meervoudig else 1))
            created += 2
            if lopend is not None:
                Toedeling.objects.create(gemeente=gemeente, aanmelding=aanmelding, team=team, medewerker=medewerker,
                                         door=kcc, op=aanmelding.toegedeeld_op,
                                         reden=f"nieuwe vraag binnen lopende casus {lopend.pk}")
                Aanmelding.objects.filter(pk=aanmelding.pk).update(casus=lopend)
                created += 1
            elif toegedeeld:
                status = "vraagverheldering" if triage.uitkomst == "vraagverheldering" else "uitvoering"
                casus = casus_openen(gemeente, aanmelding, status=status, door=bureaudienst,
                                     leden=[lid.persoon.pk for lid in hh.leden] if hh else [])
                created += 4 + (len(hh.leden) if hh else 0)
                if hh is None:
                    continue
                open_casus[hh.huishouden.pk] = casus
                # The regisseur records, at the first talk, the household's consent to discuss the casus in
                # the team. A few households lack one member's consent (module docstring).
                if len(hh.leden) > 1:
                    casussen_met_toestemming += 1
                    if casussen_met_toestemming % ZONDER_VOLLEDIGE_TOESTEMMING == 0 or (
                            len(voorbeelden) > WEIGERT_VOORBEELD and hh is voorbeelden[WEIGERT_VOORBEELD]):
                        weigeraar = _weigeraar(hh, vandaag)
                        if weigeraar is not None:
                            geweigerd.add(weigeraar.pk)
                rijen = _toestemmingen(gemeente, hh, casus, op=aanmelding.toegedeeld_op, door=medewerker, rng=rng,
                                       gegeven=gegeven, geweigerd=geweigerd)
                Toestemming.objects.bulk_create(rijen)
                created += len(rijen)
        for bron, tekst in [("energie", "Drie maanden betalingsachterstand bij de energieleverancier."),
                            ("school", "Leerling komt vaak te laat en zonder ontbijt."),
                            ("zorgverzekering", "Premieachterstand van zes maanden.")]:
            Signaal.objects.create(gemeente=gemeente, bron=bron, melder="Partner (demo)", omschrijving=tekst,
                                   ontvangen_op=now - timedelta(days=rng.randint(1, 20)), geregistreerd_door=kcc)
            created += 1
        audit_log(
            actor=None,
            actie=AuditActie.EXECUTE,
            object_type="demo",
            gemeente_id=gemeente.pk,
            omschrijving=f"demo-inwoners en aanmeldingen geladen: {households} huishoudens, {aantal} aanmeldingen",
            grondslag="systeem",
        )
    return created


def casus_openen(gemeente, aanmelding: Aanmelding, *, status: str, door, leden: list[int], reden: str = "") -> Casus:
    """The casus an allocated aanmelding opens (in the past, at its toegedeeld_op), with its first status,
    the allocation and the team's Hulprelatie with every member of the household. Also used by
    regie/demo.py for a question that came after the household's casus was closed."""
    op = aanmelding.toegedeeld_op
    casus = Casus.objects.create(gemeente=gemeente, team=aanmelding.team, medewerker=aanmelding.medewerker,
                                 huishouden=aanmelding.huishouden, hoofdpersoon=aanmelding.persoon,
                                 status=status, geopend_op=op)
    Statusovergang.objects.create(gemeente=gemeente, casus=casus, van="", naar=status, door=door,
                                  op=op, reden=f"aanmelding {aanmelding.pk} toegedeeld")
    Toedeling.objects.create(gemeente=gemeente, aanmelding=aanmelding, team=aanmelding.team,
                             medewerker=aanmelding.medewerker, door=door, op=op, reden=reden)
    Aanmelding.objects.filter(pk=aanmelding.pk).update(casus=casus)
    ids = set(leden) | ({aanmelding.persoon_id} if aanmelding.persoon_id else set())
    Hulprelatie.objects.bulk_create([
        Hulprelatie(gemeente=gemeente, persoon_id=pid, team=aanmelding.team, sinds=op, reden=f"casus {casus.pk}")
        for pid in sorted(ids)
    ])
    return casus
