"""Each indicator defined once: its name, definition in Dutch, unit and source fields (docs/indicatoren.md
carries the same text), what it is computed from in plain Dutch (`bron_uitleg`: the definitions page is read by
policy officers, who do not read field names), and how each of its breakdowns reads: label, unit, and whether the
figure is a count.

A breakdown has a stable code (exports, the command line and frozen nulmetingen keep it). The computation
writes the codes with the constants and builders below; presentation looks their reading up here and never
matches on the text of a code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wijkregie.regie.models import Richting, SchalingNaar
from wijkregie.toegang.models import Aard

from .survey import ONDERWERPEN, RAPPORTCIJFER, RESPONS, VRAGEN, stelling


class Eenheid:
    """The unit a reader sees beside a number ("dagen" with a doorlooptijd)."""

    AANTAL = _("aantal")
    PROCENT = "%"
    DAGEN = _("dagen")
    PER_1000_INWONERS = _("per 1.000 inwoners per jaar")
    NIVEAUS = _("niveaus")
    CIJFER = _("cijfer (1–10)")
    CASUSSEN = _("casussen")
    CASUSSEN_PER_REGISSEUR = _("casussen per regisseur")
    CASUSSEN_PER_FTE = _("casussen per fte")


@dataclass(frozen=True)
class Onderdeel:
    """How the figure of one breakdown reads. `label` None: the code itself (a kanaal, a leefgebied).
    `aantal`: a count (of aanmeldingen, schalingen, casussen), suppressed as "<5"; an average, median or
    share resting on few records has no honest "less than" and is suppressed as not shown."""

    label: object = None
    eenheid: object = Eenheid.AANTAL
    aantal: bool = False

    @property
    def is_aandeel(self) -> bool:
        return self.eenheid == Eenheid.PROCENT


# Breakdown codes shared by more than one indicator, or read by the pages.
TOTAAL, AANTAL, PROCENT = "totaal", "aantal", "procent"
MEDIAAN, P90 = "mediaan", "p90"
PER_JAAR = "per jaar"
LOPENDE_CASUSSEN, PER_REGISSEUR, PER_FTE = "lopende casussen", "gemiddeld per regisseur", "per fte"
AANDEEL_VOORUIT = "aandeel vooruit (procent)"
BEHAALD = ("ja", "deels", "nee")  # doelrealisatie, in this order

# Channels in the words of the pilot report (seed 004 Tabel 6): these words are the codes.
KANAAL_LABEL = {"email": "e-mail", "partner": "partner", "telefoon": "telefoon", "inloop": "inloop",
                "outreach": "outreach", "webformulier": "webformulier"}
# Aard van de vraag as in seed 004 Tabel 7: (aard, ondersteuningsplan, indicatie).
AARD_LABEL = {
    Aard.INFORMATIE: ("informatie en advies", "nee", "nee"),
    Aard.ENKELVOUDIG_ZONDER: ("enkelvoudige vraag", "ja", "nee"),
    Aard.ENKELVOUDIG_MET: ("enkelvoudige vraag", "ja", "ja"),
    Aard.MEERVOUDIG_ZONDER: ("meervoudige vraag", "ja", "nee"),
    Aard.MEERVOUDIG_MET: ("meervoudige vraag", "ja", "ja"),
}
NIET_GECATEGORISEERD = "niet gecategoriseerd"


def aard_breakdown(aard: str) -> str:
    naam, plan, indicatie = AARD_LABEL[aard]
    return f"{naam}|ondersteuningsplan={plan}|indicatie={indicatie}"


def schaling_breakdown(richting: str, naar: str) -> str:
    return f"{richting}|{naar}"


_DUUR = {MEDIAAN: Onderdeel(_("mediaan"), Eenheid.DAGEN), P90: Onderdeel(_("90e percentiel"), Eenheid.DAGEN)}
_AANDEEL = Onderdeel(_("aandeel (%)"), Eenheid.PROCENT)
_TEL = Onderdeel(eenheid=Eenheid.AANTAL, aantal=True)
EENS = _("(helemaal) eens")


@dataclass(frozen=True)
class Indicator:
    code: str
    naam: str
    definitie: str
    eenheid: str  # as documented in docs/indicatoren.md; what a cell shows beside its number is in `onderdelen`
    bron: str  # the source fields, for developers and exports; a policy officer reads `bron_uitleg`
    hoger_is_beter: bool | None = None  # for the comparison with the nulmeting; None: neither
    onderdelen: dict = field(default_factory=dict, hash=False, compare=False)  # breakdown code → Onderdeel
    overig: Onderdeel = Onderdeel()  # a breakdown not listed (a kanaal, a leefgebied)
    bron_uitleg: str = ""  # what `bron` is, in the words of the people who register it

    def onderdeel(self, breakdown: str) -> Onderdeel:
        return self.onderdelen.get(breakdown, self.overig)


INDICATOREN = {
    i.code: i
    for i in [
        Indicator(
            "instroom_per_kanaal",
            _("Instroom per kanaal"),
            _("Aantal aanmeldingen ontvangen in de periode, naar het kanaal waarlangs de vraag binnenkwam."),
            "aantal",
            "aanmelding.ontvangen_op, aanmelding.kanaal",
            overig=_TEL,
            bron_uitleg=_("De datum waarop elke aanmelding binnenkwam en het kanaal waarlangs."),
        ),
        Indicator(
            "instroom_per_1000_inwoners",
            _("Instroom per 1.000 inwoners"),
            _(
                "Aantal aanmeldingen in de periode, omgerekend naar een jaar, per 1.000 inwoners van het gebied "
                "volgens het wijkprofiel (de gekozen wijk, de wijken van het gekozen team of de locatie, of alle "
                "wijken van de gemeente)."
            ),
            "per 1.000 inwoners per jaar",
            "aanmelding.ontvangen_op, wijk.inwoners",
            overig=Onderdeel(eenheid=Eenheid.PER_1000_INWONERS),
            bron_uitleg=_("De datum waarop elke aanmelding binnenkwam en het aantal inwoners in het wijkprofiel."),
        ),
        Indicator(
            "aard_van_de_vraag",
            _("Aard van de vraag"),
            _(
                "Aantal aanmeldingen in de periode naar de aard van de vraag bij de triage (seed 004 Tabel 7); "
                "aanmeldingen zonder triage tellen als niet gecategoriseerd."
            ),
            "aantal",
            "triage.aard",
            onderdelen={
                **{aard_breakdown(a): Onderdeel(label, Eenheid.AANTAL, aantal=True) for a, label in Aard.choices},
                NIET_GECATEGORISEERD: Onderdeel(_("Niet gecategoriseerd"), Eenheid.AANTAL, aantal=True),
            },
            overig=_TEL,
            bron_uitleg=_("De aard van de vraag, zoals vastgelegd bij de triage."),
        ),
        Indicator(
            "opgelost_aan_de_voorkant",
            _("Opgelost aan de voorkant"),
            _(
                "Aandeel van de aanmeldingen in de periode dat aan de voorkant is afgehandeld met informatie, "
                "advies of eigen kracht."
            ),
            "procent",
            "aanmelding.status",
            True,
            onderdelen={TOTAAL: Onderdeel(_("totaal"), Eenheid.PROCENT)},
            overig=Onderdeel(eenheid=Eenheid.PROCENT),
            bron_uitleg=_("Hoe elke aanmelding is afgehandeld: aan de voorkant of verder in het wijkteam."),
        ),
        Indicator(
            "directe_specialistische_verwijzingen",
            _("Directe specialistische verwijzingen"),
            _(
                "Aanmeldingen in de periode die bij de triage direct naar specialistische hulp zijn geleid: "
                "aantal en aandeel van de getrieerde aanmeldingen."
            ),
            "aantal / procent",
            "triage.uitkomst",
            False,
            onderdelen={AANTAL: Onderdeel(_("aantal"), Eenheid.AANTAL, aantal=True), PROCENT: _AANDEEL},
            bron_uitleg=_("De uitkomst van de triage."),
        ),
        Indicator(
            "wachttijd_eerste_contact",
            _("Wachttijd tot eerste contact"),
            _(
                "Dagen van ontvangst tot eerste contact, voor aanmeldingen in de periode met een eerste contact: "
                "mediaan en, vanaf 10 aanmeldingen, 90e percentiel."
            ),
            "dagen",
            "aanmelding.ontvangen_op, aanmelding.eerste_contact_op",
            False,
            onderdelen=_DUUR,
            overig=Onderdeel(eenheid=Eenheid.DAGEN),
            bron_uitleg=_("De datum waarop elke aanmelding binnenkwam en de datum van het eerste contact."),
        ),
        Indicator(
            "wachttijd_plan",
            _("Wachttijd tot vastgesteld plan"),
            _(
                "Dagen van ontvangst van de aanmelding tot de ondertekening van het eerste ondersteuningsplan, "
                "voor aanmeldingen in de periode waarvoor een plan is vastgesteld: "
                "mediaan en, vanaf 10, 90e percentiel."
            ),
            "dagen",
            "aanmelding.ontvangen_op, ondersteuningsplan.ondertekend_op",
            False,
            onderdelen=_DUUR,
            overig=Onderdeel(eenheid=Eenheid.DAGEN),
            bron_uitleg=_(
                "De datum waarop de aanmelding binnenkwam en "
                "de datum waarop het eerste ondersteuningsplan is ondertekend."
            ),
        ),
        Indicator(
            "doorlooptijd",
            _("Doorlooptijd"),
            _(
                "Dagen van opening van de casus tot afsluiting, voor afsluitingen in de periode (ook als de casus "
                "later is heropend): mediaan en, vanaf 10, 90e percentiel."
            ),
            "dagen",
            "casus.geopend_op, casus.afgesloten_op",
            onderdelen=_DUUR,
            overig=Onderdeel(eenheid=Eenheid.DAGEN),
            bron_uitleg=_("De datum waarop elke casus is geopend en de datum waarop hij is afgesloten."),
        ),
        Indicator(
            "op_en_afschalingen",
            _("Op- en afschalingen"),
            _("Aantal schalingen in de periode, naar richting (op of af) en naar waar."),
            "aantal",
            "schaling.op, schaling.richting, schaling.naar",
            onderdelen={
                schaling_breakdown(r, n): Onderdeel(
                    format_lazy("{} → {}", r.label, n.label), Eenheid.AANTAL, aantal=True
                )
                for r in Richting
                for n in SchalingNaar
            },
            overig=_TEL,
            bron_uitleg=_("Van elke op- of afschaling: de datum, de richting (op of af) en naar waar."),
        ),
        Indicator(
            "caseload",
            _("Caseload"),
            _(
                "Casussen die aan het eind van de periode lopen (geopend en niet afgesloten, of heropend): totaal, "
                "gemiddeld per medewerker met casusregie (over de casussen met zo'n regisseur), en per fte van de "
                "teamleden."
            ),
            "casussen",
            "casus.geopend_op, casus.afgesloten_op, regie, teamlid.uren_per_week",
            onderdelen={
                LOPENDE_CASUSSEN: Onderdeel(_("Lopende casussen"), Eenheid.CASUSSEN, aantal=True),
                PER_REGISSEUR: Onderdeel(_("Gemiddeld per regisseur"), Eenheid.CASUSSEN_PER_REGISSEUR),
                PER_FTE: Onderdeel(_("Per fte"), Eenheid.CASUSSEN_PER_FTE),
            },
            overig=Onderdeel(eenheid=Eenheid.CASUSSEN),
            bron_uitleg=_(
                "De datums waarop de casussen zijn geopend en afgesloten, wie "
                "de regie heeft, en de uren per week van de teamleden."
            ),
        ),
        Indicator(
            "heropeningen_binnen_12_maanden",
            _("Heropeningen binnen 12 maanden"),
            _(
                "Aandeel van de casussen met een afsluiting in de periode dat binnen 12 maanden na die afsluiting "
                "weer is geopend (tot nu toe; voor recente perioden kan het nog stijgen)."
            ),
            "procent",
            "afsluiting.op, afsluiting.heropend_op",
            False,
            onderdelen={PROCENT: _AANDEEL},
            overig=Onderdeel(eenheid=Eenheid.PROCENT),
            bron_uitleg=_("De datum van elke afsluiting van een casus en de datum waarop die casus weer is geopend."),
        ),
        Indicator(
            "zrm_voortgang",
            _("ZRM-voortgang per leefgebied"),
            _(
                "Gemiddelde verandering in ZRM-niveau (1 acute problematiek tot 5 volledig zelfredzaam) tussen de "
                "eerste en de laatste score per gezinslid en leefgebied, voor reeksen van minstens twee scores "
                "waarvan de laatste in de periode valt; en het aandeel reeksen dat vooruitging."
            ),
            "niveaus / procent",
            "zrm_score.niveau, zrm_score.datum",
            True,
            onderdelen={AANDEEL_VOORUIT: Onderdeel(_("Aandeel vooruit (%)"), Eenheid.PROCENT)},
            overig=Onderdeel(eenheid=Eenheid.NIVEAUS),
            bron_uitleg=_("De ZRM-scores per gezinslid en leefgebied, met de datum van elke score."),
        ),  # a leefgebied: its name is the code
        Indicator(
            "doelrealisatie",
            _("Doelrealisatie"),
            _(
                "Beoordelingen van doelen bij evaluaties die in de periode zijn gehouden, naar behaald, deels "
                "behaald en niet behaald (aandeel)."
            ),
            "procent",
            "doelbeoordeling.behaald, evaluatie.gehouden_op",
            True,
            onderdelen={
                "ja": Onderdeel(_("behaald"), Eenheid.PROCENT),
                "deels": Onderdeel(_("deels behaald"), Eenheid.PROCENT),
                "nee": Onderdeel(_("niet behaald"), Eenheid.PROCENT),
            },
            overig=Onderdeel(eenheid=Eenheid.PROCENT),
            bron_uitleg=_("Bij elke evaluatie: de datum en per doel of het behaald, deels behaald of niet behaald is."),
        ),
        Indicator(
            "clientervaring",
            _("Cliëntervaring"),
            _(
                "Antwoorden op de vragenlijst die in de periode zijn ingevuld (Uitvoeringsregeling Wmo 2015 art. 8: "
                "toegankelijkheid, kwaliteit, bijdrage aan zelfredzaamheid en participatie): aandeel (helemaal) "
                "eens per stelling, het gemiddelde rapportcijfer (1–10, zoals Beleidsinformatie Jeugd) en de "
                "respons op de uitnodigingen van de periode."
            ),
            "procent / cijfer",
            "clientervaring.*",
            True,
            onderdelen={
                RESPONS: Onderdeel(_("Respons (%)"), Eenheid.PROCENT),
                RAPPORTCIJFER: Onderdeel(_("Rapportcijfer (gemiddeld)"), Eenheid.CIJFER),
                **{
                    stelling(onderwerp, veld): Onderdeel(
                        format_lazy("{}: {} — {} (%)", ONDERWERPEN[onderwerp], tekst, EENS), Eenheid.PROCENT
                    )
                    for veld, onderwerp, tekst in VRAGEN
                },
            },
            overig=Onderdeel(eenheid=Eenheid.CIJFER),
            bron_uitleg=_("De ingevulde vragenlijsten cliëntervaring en de verstuurde uitnodigingen."),
        ),
    ]
}


def onderdeel(indicator: str, breakdown: str) -> Onderdeel:
    """How a breakdown of an indicator reads; a code of no indicator (the trend's total) reads as itself."""
    i = INDICATOREN.get(indicator)
    return i.onderdeel(breakdown) if i else Onderdeel()
