"""Plain dataclasses for the messages: what a 301/319 is built from and what an incoming message reads as.

No Django here: the database side (backoffice.berichten) fills these from Toewijzing/Persoon and
applies what they say.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Header:
    """Header of any message (CDT_BerichtIdentificatie, CDT_XsdVersie, Afzender, Ontvanger)."""

    berichtcode: str
    afzender: str
    ontvanger: str
    identificatie: str
    dagtekening: datetime.date | None
    # Retour messages only: the retour's own identification and the codes on the header.
    identificatie_retour: str = ""
    retourcodes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Client:
    """The client as a 301 sends it (CDT_VolledigeNaam) and a 305/307/315 reads it (CDT_VerkorteNaam)."""

    bsn: str
    achternaam: str = ""
    voorvoegsel: str = ""
    voornamen: str = ""
    geboortedatum: datetime.date | None = None
    # COD046: 0 onbekend, 1 man, 2 vrouw. wijkregie records no sex: 0 unless known.
    geslacht: str = "0"


@dataclass(frozen=True)
class Adres:
    """The client's BRP address (301 Contactgegevens/Contact, Soort 01): TR061 asks for one, TR006
    for Huis + Postcode or a telephone number."""

    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""
    plaats: str = ""
    telefoon: str = ""


@dataclass(frozen=True)
class Omvang:
    volume: int
    eenheid: str  # WJ756
    frequentie: str  # WMO757


@dataclass(frozen=True)
class ToegewezenProduct:
    toewijzingnummer: int
    categorie: str
    code: str
    toewijzingsdatum: datetime.datetime
    ingangsdatum: datetime.date
    einddatum: datetime.date | None = None
    reden_wijziging: str = ""
    omvang: Omvang | None = None
    budget: int | None = None
    referentie_aanbieder: str = ""
    commentaar: str = ""


@dataclass(frozen=True)
class Toewijzingsbericht:
    """A WMO301/JW301: every current toewijzing of one client at one provider, plus those changed since the
    previous 301 (OP087)."""

    standaard: str
    gemeentecode: str
    aanbieder_agb: str
    identificatie: str
    dagtekening: datetime.date
    client: Client
    adres: Adres
    producten: tuple[ToegewezenProduct, ...]


@dataclass(frozen=True)
class Antwoordbericht:
    """A WMO319/JW319 on a 315/317 (ReferentieAanbieder of the request), WJ760 antwoord and WJ759 reden."""

    standaard: str
    gemeentecode: str
    aanbieder_agb: str
    identificatie: str
    dagtekening: datetime.date
    referentie_aanbieder: str
    verzoek_antwoord: str
    reden_afwijzing: str = ""
    woonplaats_gemeente: str = ""  # JW319 only, with reden 8 (TR377/TR409, OP359)


# ---- incoming ----

@dataclass(frozen=True)
class StartProduct:
    toewijzingnummer: int | None
    categorie: str
    code: str
    toewijzing_ingangsdatum: datetime.date | None
    begindatum: datetime.date
    status_aanlevering: str


@dataclass(frozen=True)
class StopProduct:
    toewijzingnummer: int | None
    categorie: str
    code: str
    toewijzing_ingangsdatum: datetime.date | None
    begindatum: datetime.date
    reden_beeindiging: str
    einddatum: datetime.date
    status_aanlevering: str


@dataclass(frozen=True)
class AangevraagdProduct:
    referentie_aanbieder: str
    categorie: str
    code: str
    ingangsdatum: datetime.date
    einddatum: datetime.date | None
    omvang: Omvang | None
    budget: int | None
    verwijzer_type: str
    verwijzer_naam: str = ""
    commentaar: str = ""


@dataclass(frozen=True)
class TeWijzigenProduct:
    toewijzingnummer: int
    gewenste_ingangsdatum: datetime.date
    einddatum: datetime.date | None
    omvang: Omvang | None
    budget: int | None


@dataclass(frozen=True)
class NieuwProduct:
    categorie: str
    code: str
    gewenste_ingangsdatum: datetime.date
    einddatum: datetime.date | None
    omvang: Omvang | None
    budget: int | None


@dataclass(frozen=True)
class Verzoek:
    """A 317's Verzoek: the referentie, WJ758 reden and every current product (TR349) unchanged or to change."""

    referentie_aanbieder: str
    reden: str
    ongewijzigd: tuple[int, ...] = ()
    te_wijzigen: tuple[TeWijzigenProduct, ...] = ()
    nieuw: tuple[NieuwProduct, ...] = ()


@dataclass(frozen=True)
class Antwoord:
    """The Antwoord of a 320 (our 319 returned) or of a 319."""

    referentie_aanbieder: str
    verzoek_antwoord: str
    reden_afwijzing: str = ""


@dataclass(frozen=True)
class Bericht:
    """An incoming message as read: its type, header, client and the classes of its kind."""

    soort: str  # "JW305"
    standaard: str
    nummer: int
    header: Header
    client: Client | None = None
    starts: tuple[StartProduct, ...] = ()
    stops: tuple[StopProduct, ...] = ()
    aangevraagd: tuple[AangevraagdProduct, ...] = ()
    verzoek: Verzoek | None = None
    antwoord: Antwoord | None = None
    # Retour messages (302/320): every retourcode found anywhere, and the ToewijzingNummers rejected.
    alle_retourcodes: tuple[str, ...] = ()
    afgekeurde_toewijzingen: tuple[int, ...] = ()
    extra: dict = field(default_factory=dict)
