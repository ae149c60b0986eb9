"""Demo residents in real households and three years of aanmeldingen for Den Helder (synthetic: Faker
nl_NL, test-range BSNs).

Households: singles, couples, families whose parents have gezag and are 20 years or more older than
their children, single parents, and children of separated parents who belong to two households: they
live with one parent (`woont_hier`) and stay with the other, at another address, who keeps gezag. A
few households are always there, with an open casus, so that every page shows them (VOORBEELDEN).

Rates follow the 2014 pilot (seed 004 Tabel 6 and 7): channels mostly e-mail and partners, half of
the categorised questions informatie en advies. Scaled to the whole gemeente: about 550 aanmeldingen
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
from faker import Faker

from wijkregie.casus.models import Casus, GegevenAls, Statusovergang, Toestemming, ToestemmingScope
from wijkregie.casus.toestemming import LEEFTIJD_MEE, LEEFTIJD_ZELF, jaren_terug
from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.bsn import test_bsns
from wijkregie.inwoners.models import Huishouden, Hulprelatie, Lidmaatschap, Persoon, Relatie, zoeknaam
from wijkregie.organisatie.models import Leefgebied, Medewerker, Postcodegebied, Team, Voorziening, Wijk
from wijkregie.organisatie.services import leefgebieden_ensure

from .models import Aanmelding, Kanaal, Signaal, Toedeling, Triage

# Approximate four-digit postcode areas per wijk (demo only).
POSTCODES = {"Centrum": ["1781"], "De Schooten": ["1782"], "Nieuw Den Helder": ["1783", "1784"],
             "Julianadorp": ["1786", "1787", "1788"]}
KANALEN = [(Kanaal.EMAIL, 30), (Kanaal.PARTNER, 32), (Kanaal.TELEFOON, 20), (Kanaal.INLOOP, 8),
           (Kanaal.WEBFORMULIER, 6), (Kanaal.OUTREACH, 4)]
AARD = [("informatie", 20), ("enkelvoudig_zonder", 3), ("enkelvoudig_met", 4), ("meervoudig_zonder", 7),
        ("meervoudig_met", 6)]
VRAGEN = [
    "Ik kan de huur niet meer betalen en de post stapelt zich op.",
    "Mijn vader wordt vergeetachtig en redt het thuis niet meer alleen.",
    "Onze zoon gaat niet meer naar school en zit de hele dag op zijn kamer.",
    "Ik zoek hulp bij het huishouden sinds mijn heupoperatie.",
    "Na de scheiding lukt het me niet om alles te regelen voor de kinderen.",
    "Ik voel me eenzaam sinds mijn vrouw is overleden.",
    "Ik ben mijn baan kwijt en weet niet hoe het verder moet met de rekeningen.",
    "Mijn dochter heeft autisme en thuis loopt het vast.",
    "De huisarts stuurt mij: ik heb schulden en slaap slecht.",
    "Ik heb een rolstoel nodig en de drempels in huis zijn te hoog.",
]
PER_JAAR_PER_HUISHOUDEN = 550 / 27196
# About 2,08 persons per household (56.623 / 27.196).
GROOTTE = [(1, 38), (2, 30), (3, 13), (4, 13), (5, 6)]
# Of the single parents, this share shares the care with the other parent, who lives elsewhere in the gemeente.
CO_OUDERSCHAP = 0.2
# Ages of adults without children at home: mostly young, or past the years of children at home, so that
# with the parents (20 to 42 years older than their children) adults stay spread over 19 to 88.
LEEFTIJD_ZONDER_KINDEREN = [((19, 29), 20), ((30, 39), 6), ((40, 49), 6), ((50, 59), 17), ((60, 69), 19),
                            ((70, 79), 18), ((80, 88), 14)]
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


def _kies(rng: random.Random, gewogen):
    return rng.choices([w for w, _ in gewogen], weights=[g for _, g in gewogen])[0]


def _geboren(rng: random.Random, vandaag: datetime.date, leeftijd: int) -> datetime.date:
    """A birth date at which the person is `leeftijd` today."""
    return jaren_terug(vandaag, leeftijd) - timedelta(days=rng.randint(0, 364))


def _leeftijd(geboren: datetime.date, op: datetime.date) -> int:
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


def _dag(rng: random.Random, van: datetime.date, tot: datetime.date) -> datetime.date:
    return van + timedelta(days=rng.randint(0, max(0, (tot - van).days)))


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


class _Bouwer:
    """Makes the households in memory; `opslaan` writes them in three bulk inserts."""

    def __init__(self, gemeente, rng: random.Random, fake: Faker, vandaag: datetime.date, wijken: dict[str, Wijk]):
        self.gemeente, self.rng, self.fake, self.vandaag = gemeente, rng, fake, vandaag
        self.wijken = wijken
        self.gewichten = [(w, w.huishoudens) for w in wijken.values()]
        self.bsns = test_bsns()  # the test range holds about 9.000 valid numbers; later demo residents have none
        self.huishoudens: list[_Huishouden] = []

    def adres(self, wijk: Wijk | None = None) -> dict:
        rng, fake = self.rng, self.fake
        wijk = wijk or _kies(rng, self.gewichten)
        straat, huisnummer = fake.street_name(), str(rng.randint(1, 180))
        postcode = (
            f"{rng.choice(POSTCODES.get(wijk.naam, ['1781']))} "
            f"{fake.random_uppercase_letter()}{fake.random_uppercase_letter()}"
        )
        return dict(straat=straat, huisnummer=huisnummer, postcode=postcode, wijk=wijk,
                    woonplaats="Julianadorp" if wijk.naam == "Julianadorp" else "Den Helder")

    def persoon(self, adres: dict, achternaam: str, geboren: datetime.date, *, kind: bool) -> Persoon:
        rng = self.rng
        voornaam = self.fake.first_name()
        return Persoon(
            gemeente=self.gemeente, voornamen=voornaam, achternaam=achternaam, geboortedatum=geboren,
            bsn=next(self.bsns, "") if rng.random() < 0.93 else "",
            telefoon="" if kind else f"06{rng.randint(10000000, 99999999)}",
            zoeknaam=zoeknaam(voornaam, achternaam), **adres,
        )

    def huishouden(self, achternaam: str) -> _Huishouden:
        hh = _Huishouden(Huishouden(gemeente=self.gemeente, naam=f"Huishouden {achternaam}"))
        self.huishoudens.append(hh)
        return hh

    def volwassen_leeftijd(self, kinderen: list[int], naast: int | None = None) -> int:
        """An adult's age: near their partner's, and 20 to 42 years older than their children."""
        rng = self.rng
        if naast is not None:
            leeftijd = naast + rng.randint(-5, 5)
        elif kinderen:
            spreiding = max(kinderen) - min(kinderen)
            leeftijd = max(kinderen) + rng.randint(20, max(20, 42 - spreiding))
        else:
            leeftijd = rng.randint(*_kies(rng, LEEFTIJD_ZONDER_KINDEREN))
        ondergrens = max(kinderen) + 20 if kinderen else 19
        return max(ondergrens, min(88, leeftijd))

    def sinds(self, *volwassenen: Persoon) -> datetime.date:
        """Since when the household lives together: some months to eleven years, and not before its
        youngest adult turned 18."""
        dag = self.vandaag - timedelta(days=self.rng.randint(100, 4000))
        meerderjarig = max(jaren_terug(p.geboortedatum, -18) for p in volwassenen)
        return min(self.vandaag - timedelta(days=30), max(dag, meerderjarig))

    def gezin(self, kinderen: list[int], *, partner: bool, wijk: Wijk | None = None,
              co_ouder: bool = False) -> _Huishouden:
        """A household: a hoofd, perhaps a partner, and children of these ages (both adults with gezag).
        With `co_ouder` the children also belong to the household of their other parent elsewhere."""
        rng, vandaag = self.rng, self.vandaag
        kinderen = sorted(kinderen, reverse=True)
        achternaam = self.fake.last_name()
        adres = self.adres(wijk)
        hh = self.huishouden(achternaam)
        hoofd_leeftijd = self.volwassen_leeftijd(kinderen)
        hoofd = self.persoon(adres, achternaam, _geboren(rng, vandaag, hoofd_leeftijd), kind=False)
        volwassenen = [hoofd]
        if partner:
            volwassenen.append(
                self.persoon(
                    adres,
                    achternaam,
                    _geboren(rng, vandaag, self.volwassen_leeftijd(kinderen, hoofd_leeftijd)),
                    kind=False,
                )
            )
        sinds = self.sinds(*volwassenen)
        gezag = bool(kinderen)
        hh.leden += [
            _Lid(p, Relatie.HOOFD if i == 0 else Relatie.PARTNER, sinds, gezag=gezag) for i, p in enumerate(volwassenen)
        ]
        kids = [self.persoon(adres, achternaam, _geboren(rng, vandaag, leeftijd), kind=True) for leeftijd in kinderen]
        hh.leden += [_Lid(k, Relatie.KIND, max(sinds, k.geboortedatum)) for k in kids]
        if co_ouder and kids:
            self.andere_ouder(hh, kids, hoofd_leeftijd, sinds)
        return hh

    def andere_ouder(self, hh: _Huishouden, kids: list[Persoon], leeftijd: int, sinds: datetime.date) -> None:
        """The other parent after the separation: another address, gezag kept (joint custody, the Dutch
        rule), perhaps a new partner without gezag; the children belong here too but live with `hh`."""
        rng, vandaag = self.rng, self.vandaag
        jongste = max(k.geboortedatum for k in kids)
        scheiding = min(vandaag - timedelta(days=30),
                        _dag(rng, max(sinds, jongste + timedelta(days=180)), vandaag - timedelta(days=60)))
        achternaam = self.fake.last_name()
        adres = self.adres()
        ander = self.huishouden(achternaam)
        ouder = self.persoon(adres, achternaam, _geboren(rng, vandaag, self.volwassen_leeftijd(
            [k.leeftijd(vandaag) for k in kids], leeftijd)), kind=False)
        ander.leden.append(_Lid(ouder, Relatie.HOOFD, scheiding, gezag=True))
        if rng.random() < 0.4:
            nieuw = self.persoon(
                adres, self.fake.last_name(), _geboren(rng, vandaag, self.volwassen_leeftijd([], leeftijd)), kind=False
            )
            ander.leden.append(_Lid(nieuw, Relatie.PARTNER, _dag(rng, scheiding, vandaag - timedelta(days=30))))
        ander.leden += [_Lid(k, Relatie.KIND, max(scheiding, k.geboortedatum), woont_hier=False) for k in kids]

    def willekeurig(self, ruimte: int) -> None:
        """One household drawn from the household sizes of the gemeente (two when the children's other
        parent lives elsewhere and there is `ruimte` for a second household)."""
        rng = self.rng
        grootte = _kies(rng, GROOTTE)
        partner = grootte > 2 or grootte == 2 and rng.random() < .6
        kinderen = [rng.randint(0, 17) for _ in range(grootte - 1 - int(partner))]
        co_ouder = bool(kinderen) and min(kinderen) >= 1 and not partner and ruimte > 1 and rng.random() < CO_OUDERSCHAP
        self.gezin(kinderen, partner=partner, co_ouder=co_ouder)

    def opslaan(self) -> int:
        Huishouden.objects.bulk_create([hh.huishouden for hh in self.huishoudens])
        personen = {id(lid.persoon): lid.persoon for hh in self.huishoudens for lid in hh.leden}
        Persoon.objects.bulk_create(list(personen.values()))
        lidmaatschappen = [
            Lidmaatschap(gemeente=self.gemeente, persoon=lid.persoon, huishouden=hh.huishouden, relatie=lid.relatie,
                         van=lid.van, gezag=lid.gezag, woont_hier=lid.woont_hier)
            for hh in self.huishoudens for lid in hh.leden
        ]
        Lidmaatschap.objects.bulk_create(lidmaatschappen)
        return len(self.huishoudens) + len(personen) + len(lidmaatschappen)


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
        leeftijd = _leeftijd(p.geboortedatum, timezone.localdate(moment))
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
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    now = timezone.now()
    vandaag = timezone.localdate(now)
    created = 0
    with transaction.atomic():
        leefgebieden_ensure(gemeente=gemeente)
        wijken = {w.naam: w for w in Wijk.objects.filter(gemeente=gemeente)}
        for naam, codes in POSTCODES.items():
            for code in codes:
                if naam in wijken:
                    Postcodegebied.objects.get_or_create(
                        gemeente=gemeente, postcode4=code, defaults={"wijk": wijken[naam]}
                    )
        bouwer = _Bouwer(gemeente, rng, fake, vandaag, wijken)
        voorbeelden: list[_Huishouden] = []
        for soort, kinderen in VOORBEELDEN:
            if len(bouwer.huishoudens) + 2 <= households:
                voorbeelden.append(bouwer.gezin(kinderen, partner=soort == "gezin", wijk=wijken.get(VOORBEELD_WIJK),
                                                co_ouder=soort == "gescheiden"))
        while len(bouwer.huishoudens) < households:
            bouwer.willekeurig(households - len(bouwer.huishoudens))
        created += bouwer.opslaan()
        hoofden = [hh.hoofd for hh in bouwer.huishoudens]
        huishouden_van = {hh.hoofd.pk: hh for hh in bouwer.huishoudens}

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
        for i in range(aantal):
            ontvangen = now - timedelta(days=365 * jaren * (1 - i / aantal), hours=rng.randint(0, 8))
            hoofd = rng.choice(hoofden)
            kanaal = _kies(rng, KANALEN)
            aard = _kies(rng, AARD)
            anoniem = kanaal == Kanaal.WEBFORMULIER
            leeftijd_dagen = (now - ontvangen).days
            if te_ontvangen and aard != "informatie" and not anoniem and 2 < leeftijd_dagen <= VOORBEELD_DAGEN:
                hoofd = te_ontvangen.pop(0)
            hh = None if anoniem else huishouden_van[hoofd.pk]
            aanmelding = Aanmelding(
                gemeente=gemeente,
                kanaal=kanaal,
                vraag=rng.choice(VRAGEN),
                ontvangen_op=ontvangen,
                geregistreerd_op=ontvangen + timedelta(minutes=rng.randint(2, 90)),
                geregistreerd_door=kcc,
                persoon=None if anoniem else hoofd,
                huishouden=None if anoniem else hh.huishouden,
                anoniem_naam=f"{fake.first_name()} {hoofd.achternaam}" if anoniem else "",
                postcode=hoofd.postcode,
                contact=hoofd.telefoon,
                verwijzer=rng.choice(["02", "02", "03", "01", "05"]) if kanaal == Kanaal.PARTNER else "",
                verwijzer_naam=rng.choice(
                    [
                        "Huisartsenpraktijk Julianadorp",
                        "Consultatiebureau GGD",
                        "Woningcorporatie",
                        "Basisschool De Vlinder",
                    ]
                )
                if kanaal == Kanaal.PARTNER
                else "",
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
            wacht_dagen = rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 7, 9, 14, 21])
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
            urgentie = _kies(rng, [("normaal", 85), ("hoog", 12), ("acuut", 3)])
            veiligheid = _kies(rng, [("nee", 90), ("twijfel", 6), ("ja", 4)])
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
