"""Synthetic residents, households and aanmeldingen: one generator for the demo, the tests and the bench.

What a synthetic gemeente holds is drawn here, deterministically from a seed, as plain records: residents
with Dutch names (Faker nl_NL's name lists), birth dates, a BSN from the test range (elfproef), a phone and
an address with a postcode of their wijk; households with their composition (singles, couples, families
whose parents have gezag and are 20 to 42 years older than their children, single parents, and children of
separated parents who belong to two households); aanmelding routes (kanaal, aard, urgency, safety,
referrer, waiting time, arrival times) and contact patterns. How the records are written is the caller's:
toegang/demo.py through the models, as the demo's history; bench/generate.py in bulk (COPY, explicit ids);
testing.make_persoon one resident at a time. The *what* is one, the *how it is written* is two.

It sits in core, below every app, and knows no models: relations are the values of inwoners.models.Relatie,
channels those of toegang.models.Kanaal, and a wijk is whatever key the caller passes in `Woonwijk`.
Rates follow the 2014 pilot (seed 004 Tabel 6 and 7) and Den Helder's household sizes (56.623 residents in
27.196 households: about 2,08 a household).
"""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from faker.providers.person.nl_NL import Provider as _Namen

from wijkregie.core.bsn import test_bsns

# Names: Faker nl_NL's lists, drawn with the generator's own Random (a Faker call per name costs twenty
# times more, which a million residents notice). A surname's lower-case prefix is its tussenvoegsel.
VOORNAMEN_M: tuple[str, ...] = tuple(_Namen.first_names_male)
VOORNAMEN_V: tuple[str, ...] = tuple(_Namen.first_names_female)
ACHTERNAMEN: tuple[str, ...] = tuple(n for n in _Namen.last_names if "," not in n)
STRATEN = ["Kerkstraat", "Dorpsstraat", "Molenweg", "Schoolstraat", "Julianalaan", "Beatrixstraat", "Stationsweg",
           "Lindelaan", "Eikenlaan", "Havenstraat", "Duinweg", "Zeeweg", "Parkweg", "Nieuweweg", "Wilhelminastraat",
           "Marktplein", "Kastanjelaan", "Spoorstraat", "Emmastraat", "Tulpstraat", "Rozenstraat", "Sportlaan"]
# Four-digit postcode areas of Den Helder's wijken (approximate; demo and bench); other wijken get made-up ones.
POSTCODES_DEN_HELDER = {"Centrum": ["1781"], "De Schooten": ["1782"], "Nieuw Den Helder": ["1783", "1784"],
                        "Julianadorp": ["1786", "1787", "1788"]}
# Share of residents with a BSN (people not registered in the gemeente must be helpable too: GLOSSARY).
MET_BSN = 0.93

# Household sizes (persons: weight): about 2,08 persons per household, with the co-parents' second households.
GROOTTE = [(1, 40), (2, 32), (3, 12), (4, 11), (5, 5)]
MAX_GROOTTE = 8  # the largest household a nudge or the last household may make
# Of the single parents, this share shares the care with the other parent, who lives elsewhere in the gemeente.
CO_OUDERSCHAP = 0.2
# Ages of adults without children at home: mostly young, or past the years of children at home, so that
# with the parents (20 to 42 years older than their children) adults stay spread over 19 to 88.
LEEFTIJD_ZONDER_KINDEREN = [((19, 29), 20), ((30, 39), 6), ((40, 49), 6), ((50, 59), 17), ((60, 69), 19),
                            ((70, 79), 18), ((80, 88), 14)]
OUDSTE = 88

# The route of an aanmelding (seed 004 Tabel 6 and 7): channels mostly e-mail and partners, half of the
# categorised questions informatie en advies (answered at the front door).
KANALEN = [("email", 30), ("partner", 32), ("telefoon", 20), ("inloop", 8), ("webformulier", 6), ("outreach", 4)]
AARD = [("informatie", 20), ("enkelvoudig_zonder", 3), ("enkelvoudig_met", 4), ("meervoudig_zonder", 7),
        ("meervoudig_met", 6)]
URGENTIE = [("normaal", 85), ("hoog", 12), ("acuut", 3)]
VEILIGHEID = [("nee", 90), ("twijfel", 6), ("ja", 4)]
VERWIJZERS = ["02", "02", "03", "01", "05"]  # COD327: mostly the huisarts
VERWIJZER_NAMEN = ["Huisartsenpraktijk Julianadorp", "Consultatiebureau GGD", "Woningcorporatie",
                   "Basisschool De Vlinder"]
# Days from allocation to the first contact: mostly within days, some weeks.
WACHTDAGEN = [0, 1, 1, 2, 2, 3, 3, 4, 5, 7, 9, 14, 21]
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
# Contactmomenten: kind (weight) and length in minutes (None: not recorded).
CONTACTSOORTEN = [("huisbezoek", 30), ("telefoon", 35), ("gesprek", 15), ("video", 5), ("overleg", 10),
                  ("bericht", 5)]
CONTACTDUUR = [None, 15, 30, 45, 60]


def kies(rng: random.Random, gewogen: Sequence[tuple[Any, int]]):
    """One value of (value, weight) pairs."""
    return rng.choices([w for w, _ in gewogen], weights=[g for _, g in gewogen])[0]


def jaren_terug(op: datetime.date, jaren: int) -> datetime.date:
    """The date `jaren` years before `op` (after, when negative); 29 February becomes the 28th."""
    try:
        return op.replace(year=op.year - jaren)
    except ValueError:
        return op.replace(year=op.year - jaren, day=28)


def leeftijd(geboren: datetime.date, op: datetime.date) -> int:
    return op.year - geboren.year - ((op.month, op.day) < (geboren.month, geboren.day))


def splits_achternaam(naam: str) -> tuple[str, str]:
    """('de', 'Vries') for 'de Vries': the lower-case words in front are the tussenvoegsel."""
    delen = naam.split(" ")
    i = 0
    while i < len(delen) - 1 and not delen[i][:1].isupper():
        i += 1
    return " ".join(delen[:i]), " ".join(delen[i:])


@dataclass(frozen=True)
class Woonwijk:
    """Where residents can live: the caller's key for the wijk (a Wijk, an id, a name), how many households
    live there (the weight), its postcode areas and the place name of its addresses."""

    sleutel: Any
    gewicht: int
    postcodes: Sequence[str]
    woonplaats: str


@dataclass(slots=True)
class Adres:
    straat: str
    huisnummer: str
    postcode: str
    woonplaats: str
    wijk: Any  # Woonwijk.sleutel


@dataclass(slots=True, eq=False)
class Persoon:
    nummer: int  # 1, 2, ... in the order drawn: the bench's id
    voornamen: str
    tussenvoegsel: str
    achternaam: str
    geboortedatum: datetime.date
    bsn: str
    telefoon: str
    adres: Adres

    def leeftijd(self, op: datetime.date) -> int:
        return leeftijd(self.geboortedatum, op)

    def velden(self) -> dict[str, Any]:
        """The fields of an inwoners.Persoon this record fills (the wijk is the caller's key: `adres.wijk`)."""
        a = self.adres
        return dict(voornamen=self.voornamen, tussenvoegsel=self.tussenvoegsel, achternaam=self.achternaam,
                    geboortedatum=self.geboortedatum, bsn=self.bsn, telefoon=self.telefoon, straat=a.straat,
                    huisnummer=a.huisnummer, postcode=a.postcode, woonplaats=a.woonplaats)

    @property
    def volledige_achternaam(self) -> str:
        return f"{self.tussenvoegsel} {self.achternaam}".strip()


@dataclass(slots=True)
class Lid:
    persoon: Persoon
    relatie: str  # inwoners.models.Relatie: hoofd, partner, kind
    van: datetime.date
    gezag: bool = False
    woont_hier: bool = True


@dataclass(slots=True, eq=False)
class Huishouden:
    nummer: int  # 1, 2, ... in the order drawn
    naam: str
    adres: Adres
    leden: list[Lid] = field(default_factory=list)

    @property
    def hoofd(self) -> Persoon:
        return self.leden[0].persoon


@dataclass(slots=True)
class Route:
    """What an aanmelding brings and where it goes: drawn once, written by the demo or the bench."""

    kanaal: str
    aard: str  # informatie (answered at the front door), enkelvoudig_* or meervoudig_*
    vraag: str
    verwijzer: str
    verwijzer_naam: str
    urgentie: str
    veiligheid: str
    wachtdagen: int  # from allocation to the first contact

    @property
    def voorkant(self) -> bool:
        return self.aard == "informatie"

    @property
    def meervoudig(self) -> bool:
        return self.aard.startswith("meervoudig")

    @property
    def anoniem(self) -> bool:
        """A web form may be sent without a name: the question is known, the resident not (yet)."""
        return self.kanaal == "webformulier"


class Generator:
    """Draws a gemeente's residents and their questions from `seed`: the same seed, the same records.

    `wijken` weighs where households live; `vandaag` is the day ages are counted to.
    """

    def __init__(self, seed: int | random.Random, *, vandaag: datetime.date, wijken: Sequence[Woonwijk] = ()):
        self.rng = seed if isinstance(seed, random.Random) else random.Random(seed)
        self.vandaag = vandaag
        self.wijken = wijken
        self._bsns = test_bsns()
        self.personen = 0
        self.huishoudens = 0

    @property
    def wijken(self) -> list[Woonwijk]:
        return self._wijken

    @wijken.setter
    def wijken(self, wijken: Sequence[Woonwijk]) -> None:
        self._wijken = list(wijken)
        self._gewogen = [(w, w.gewicht) for w in self._wijken]

    # --- residents ---------------------------------------------------------------------------------
    def voornaam(self) -> str:
        return self.rng.choice(VOORNAMEN_V if self.rng.random() < 0.5 else VOORNAMEN_M)

    def achternaam(self) -> tuple[str, str]:
        """(tussenvoegsel, achternaam)."""
        return splits_achternaam(self.rng.choice(ACHTERNAMEN))

    def bsn(self) -> str:
        """A BSN for most residents, while the test range lasts."""
        return next(self._bsns, "") if self.rng.random() < MET_BSN else ""

    def adres(self, wijk: Woonwijk | None = None) -> Adres:
        rng = self.rng
        if wijk is None:
            wijk = kies(rng, self._gewogen) if self._gewogen else None
        postcodes = wijk.postcodes if wijk is not None else ["1781"]
        letters = chr(65 + rng.randrange(26)) + chr(65 + rng.randrange(26))
        return Adres(straat=rng.choice(STRATEN), huisnummer=str(rng.randint(1, 180)),
                     postcode=f"{rng.choice(postcodes)} {letters}",
                     woonplaats=wijk.woonplaats if wijk is not None else "", wijk=wijk.sleutel if wijk else None)

    def geboren(self, jaren: int) -> datetime.date:
        """A birth date at which the person is `jaren` old today."""
        return jaren_terug(self.vandaag, jaren) - datetime.timedelta(days=self.rng.randint(0, 364))

    def persoon(self, *, adres: Adres | None = None, achternaam: tuple[str, str] | None = None,
                jaren: int | None = None, kind: bool = False) -> Persoon:
        rng = self.rng
        self.personen += 1
        tussenvoegsel, naam = achternaam or self.achternaam()
        if jaren is None:
            jaren = rng.randint(0, 17) if kind else rng.randint(*kies(rng, LEEFTIJD_ZONDER_KINDEREN))
        return Persoon(
            nummer=self.personen, voornamen=self.voornaam(), tussenvoegsel=tussenvoegsel, achternaam=naam,
            geboortedatum=self.geboren(jaren), bsn=self.bsn(),
            telefoon="" if kind else f"06{rng.randint(10000000, 99999999)}", adres=adres or self.adres(),
        )

    # --- households ---------------------------------------------------------------------------------
    def _huishouden(self, adres: Adres, achternaam: tuple[str, str]) -> Huishouden:
        self.huishoudens += 1
        return Huishouden(nummer=self.huishoudens, naam=f"Huishouden {' '.join(achternaam).strip()}", adres=adres)

    def volwassen_leeftijd(self, kinderen: list[int], naast: int | None = None) -> int:
        """An adult's age: near their partner's, and 20 to 42 years older than their children."""
        rng = self.rng
        if naast is not None:
            jaren = naast + rng.randint(-5, 5)
        elif kinderen:
            spreiding = max(kinderen) - min(kinderen)
            jaren = max(kinderen) + rng.randint(20, max(20, 42 - spreiding))
        else:
            jaren = rng.randint(*kies(rng, LEEFTIJD_ZONDER_KINDEREN))
        ondergrens = max(kinderen) + 20 if kinderen else 19
        return max(ondergrens, min(OUDSTE, jaren))

    def sinds(self, *volwassenen: Persoon) -> datetime.date:
        """Since when the household lives together: some months to eleven years, and not before its
        youngest adult turned 18."""
        dag = self.vandaag - datetime.timedelta(days=self.rng.randint(100, 4000))
        meerderjarig = max(jaren_terug(p.geboortedatum, -18) for p in volwassenen)
        return min(self.vandaag - datetime.timedelta(days=30), max(dag, meerderjarig))

    def _dag(self, van: datetime.date, tot: datetime.date) -> datetime.date:
        return van + datetime.timedelta(days=self.rng.randint(0, max(0, (tot - van).days)))

    def gezin(self, kinderen: list[int], *, partner: bool, wijk: Woonwijk | None = None,
              co_ouder: bool = False) -> list[Huishouden]:
        """A household: a hoofd, perhaps a partner, and children of these ages (both adults with gezag).
        With `co_ouder` the children also belong to the household of their other parent elsewhere, which
        comes second in the list."""
        kinderen = sorted(kinderen, reverse=True)
        naam = self.achternaam()
        adres = self.adres(wijk)
        hh = self._huishouden(adres, naam)
        hoofd_leeftijd = self.volwassen_leeftijd(kinderen)
        volwassenen = [self.persoon(adres=adres, achternaam=naam, jaren=hoofd_leeftijd)]
        if partner:
            # Half the partners kept their own surname.
            eigen = naam if self.rng.random() < 0.5 else self.achternaam()
            volwassenen.append(self.persoon(adres=adres, achternaam=eigen,
                                            jaren=self.volwassen_leeftijd(kinderen, hoofd_leeftijd)))
        sinds = self.sinds(*volwassenen)
        gezag = bool(kinderen)
        hh.leden += [Lid(p, "hoofd" if i == 0 else "partner", sinds, gezag=gezag) for i, p in enumerate(volwassenen)]
        kids = [self.persoon(adres=adres, achternaam=naam, jaren=jaren, kind=True) for jaren in kinderen]
        hh.leden += [Lid(k, "kind", max(sinds, k.geboortedatum)) for k in kids]
        if co_ouder and kids:
            return [hh, self.andere_ouder(kids, hoofd_leeftijd, sinds)]
        return [hh]

    def andere_ouder(self, kids: list[Persoon], jaren: int, sinds: datetime.date) -> Huishouden:
        """The other parent after the separation: another address, gezag kept (joint custody, the Dutch
        rule), perhaps a new partner without gezag; the children belong here too but live elsewhere."""
        vandaag = self.vandaag
        jongste = max(k.geboortedatum for k in kids)
        scheiding = min(vandaag - datetime.timedelta(days=30),
                        self._dag(max(sinds, jongste + datetime.timedelta(days=180)),
                                  vandaag - datetime.timedelta(days=60)))
        naam = self.achternaam()
        adres = self.adres()
        ander = self._huishouden(adres, naam)
        ouder = self.persoon(adres=adres, achternaam=naam,
                             jaren=self.volwassen_leeftijd([k.leeftijd(vandaag) for k in kids], jaren))
        ander.leden.append(Lid(ouder, "hoofd", scheiding, gezag=True))
        if self.rng.random() < 0.4:
            nieuw = self.persoon(adres=adres, jaren=self.volwassen_leeftijd([], jaren))
            ander.leden.append(Lid(nieuw, "partner", self._dag(scheiding, vandaag - datetime.timedelta(days=30))))
        ander.leden += [Lid(k, "kind", max(scheiding, k.geboortedatum), woont_hier=False) for k in kids]
        return ander

    def willekeurig(self, ruimte: int = 2, grootte: int | None = None) -> list[Huishouden]:
        """One household drawn from the household sizes of the gemeente (two when the children's other
        parent lives elsewhere and there is `ruimte` for a second household); `grootte` fixes its size."""
        rng = self.rng
        if grootte is None:
            grootte = kies(rng, GROOTTE)
        partner = grootte > 2 or grootte == 2 and rng.random() < .6
        kinderen = [rng.randint(0, 17) for _ in range(grootte - 1 - int(partner))]
        co_ouder = bool(kinderen) and min(kinderen) >= 1 and not partner and ruimte > 1 and rng.random() < CO_OUDERSCHAP
        return self.gezin(kinderen, partner=partner, co_ouder=co_ouder)

    def bevolking(self, huishoudens: int, inwoners: int | None = None) -> Iterator[Huishouden]:
        """Exactly `huishoudens` households drawn one after another (a generator: the bench's million
        residents need not all be in memory as records). With `inwoners` they hold exactly that many
        residents: each size drawn from GROOTTE is nudged by one towards the average still needed (a
        gemeente's real totals, Den Helder's 56.623 in 27.196, then come out as they are), the last
        household takes the rest."""
        gemaakt = personen = 0
        gemiddeld = sum(g * w for g, w in GROOTTE) / sum(w for _, w in GROOTTE)
        while gemaakt < huishoudens:
            grootte, over = None, huishoudens - gemaakt
            if inwoners is not None:
                nodig = (inwoners - personen) / over
                if over <= 10:  # the last ten: no second household of a co-parent, the size as needed
                    grootte = min(max(round(nodig) if over > 1 else inwoners - personen, 1), MAX_GROOTTE)
                else:
                    grootte = kies(self.rng, GROOTTE)
                    if self.rng.random() < min(1.0, abs(nodig - gemiddeld)):
                        grootte = min(max(grootte + (1 if nodig > gemiddeld else -1), 1), MAX_GROOTTE)
            for hh in self.willekeurig(over if grootte is None or over > 10 else 1, grootte):
                gemaakt += 1
                personen += sum(1 for lid in hh.leden if lid.woont_hier)
                yield hh

    # --- aanmeldingen and contacts ------------------------------------------------------------------
    def route(self) -> Route:
        rng = self.rng
        kanaal = kies(rng, KANALEN)
        partner = kanaal == "partner"
        return Route(
            kanaal=kanaal, aard=kies(rng, AARD), vraag=rng.choice(VRAGEN),
            verwijzer=rng.choice(VERWIJZERS) if partner else "",
            verwijzer_naam=rng.choice(VERWIJZER_NAMEN) if partner else "",
            urgentie=kies(rng, URGENTIE), veiligheid=kies(rng, VEILIGHEID), wachtdagen=rng.choice(WACHTDAGEN),
        )

    def ontvangsttijden(self, aantal: int, begin: datetime.datetime, einde: datetime.datetime,
                        groei: bool = True) -> list[datetime.datetime]:
        """When `aantal` questions came in between `begin` and `einde`, in time order, in office hours (8 to 17).
        With `groei` the stream grows (more questions in later years: the wijkteam becomes known)."""
        rng, span = self.rng, (einde - begin).total_seconds()
        tijden = []
        for _ in range(aantal):
            deel = math.sqrt(rng.random()) if groei else rng.random()
            op = (begin + datetime.timedelta(seconds=span * deel)).replace(hour=8 + rng.randrange(9),
                                                                          minute=rng.randrange(60))
            tijden.append(min(op, einde - datetime.timedelta(hours=1)))
        tijden.sort()
        return tijden

    def contactmoment(self) -> tuple[str, int | None]:
        """(soort, duur_minuten) of one contactmoment."""
        return kies(self.rng, CONTACTSOORTEN), self.rng.choice(CONTACTDUUR)
