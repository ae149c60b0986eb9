"""The standard's rules on an incoming message, and the retourcodes they give (WJ001).

Two levels, as the standard has them:
- technical: the XSD, the constraints (CS/CD) and the xslt rules (TR002, TR018, TR101, TR134, ...):
  a violation rejects the whole message with 0001 on the header (OP286), the client is not returned;
- the header's own checks (TR056 unique identification 9056, TR135 dagtekening 8848, the gemeente S300);
- berichtoverstijgend rules (TR019, TR063, TR071, TR074, TR326, TR304, TR347, TR349, TR350, TR351,
  TR357, TR374, TR413-415): a code on the class concerned; the Client with all its classes is returned
  (OP065).

wijkregie applies a message whole or not at all: when one class is rejected nothing is applied, and
the classes that had no remark of their own get 0233 (niet beoordeeld) so the provider knows to send
them again. A message without any remark is answered with 0200 on the header and no client (OP065).

Pure: the state it checks against (our toewijzingen, what was received before) comes in as `Stand`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from wijkregie.core.bsn import is_valid_bsn

from . import codes as C
from .gegevens import Bericht
from .lezen import Gelezen


@dataclass(frozen=True)
class StartStand:
    begindatum: datetime.date
    verwijderd: bool = False


@dataclass(frozen=True)
class StopStand:
    begindatum: datetime.date
    einddatum: datetime.date
    reden: str
    verwijderd: bool = False


@dataclass(frozen=True)
class BekendeToewijzing:
    """A Toewijzing of ours as the rules need it."""

    nummer: int
    bsn: str
    aanbieder_agb: str
    standaard: str
    categorie: str
    code: str
    ingangsdatum: datetime.date
    einddatum: datetime.date | None
    actueel: bool  # OP087: valid on or after today, not removed (RedenWijziging 13)
    starts: tuple[StartStand, ...] = ()
    stops: tuple[StopStand, ...] = ()


@dataclass
class Stand:
    gemeentecode: str
    vandaag: datetime.date
    toewijzingen: dict[int, BekendeToewijzing] = field(default_factory=dict)
    # (afzender, soort, identificatie) of every message received before (TR056).
    ontvangen: set[tuple[str, str, str]] = field(default_factory=set)
    # (afzender, referentie) of every 315/317 product or verzoek received before (TR347).
    referenties: set[tuple[str, str]] = field(default_factory=set)
    # (afzender, bsn) with a 315/317 not yet answered (TR374).
    open_verzoeken: set[tuple[str, str]] = field(default_factory=set)


@dataclass
class Beoordeling:
    """The retourcodes per class, and the reasons in Dutch (with the rule ids) for the log and the page."""

    header: list[str] = field(default_factory=list)
    client: list[str] = field(default_factory=list)
    # Per product class in document order (StartProduct, StopProduct, AangevraagdProduct); for a 317 the
    # Verzoek's own codes are `verzoek` and the products are ongewijzigd + te_wijzigen + nieuw, in that order.
    producten: list[list[str]] = field(default_factory=list)
    verzoek: list[str] = field(default_factory=list)
    redenen: list[str] = field(default_factory=list)

    @property
    def technisch_afgekeurd(self) -> bool:
        return bool(self.header)

    @property
    def geaccepteerd(self) -> bool:
        return not self.header and not self.client and not self.verzoek and not any(self.producten)

    def afkeur(self, regel: str, code: str, tekst: str, waar: list[str]) -> None:
        if code not in waar:
            waar.append(code)
        self.redenen.append(f"{regel} ({code}): {tekst}")

    @property
    def retourcodes(self) -> list[str]:
        return sorted({*self.header, *self.client, *self.verzoek, *(c for p in self.producten for c in p)})

    def voor_retour(self) -> tuple[list[str], list[str], list[str], list[list[str]]]:
        """(header, client, verzoek, producten) codes as the retour message carries them."""
        if self.header:
            return self.header, [], [], []
        if self.geaccepteerd:
            return [C.GOED], [], [], []
        vul = lambda codes: codes or [C.NIET_BEOORDEELD]  # noqa: E731 - sibling of a rejected class
        return ([C.GOED], self.client or [C.GOED], self.verzoek or [C.GOED], [vul(p) for p in self.producten])


def _technisch(b: Bericht, uitkomst: Beoordeling) -> None:
    """CS/CD constraints and xslt TR rules: any violation rejects the message with 0001."""
    dagtekening = b.header.dagtekening
    client = b.client
    if client is not None and not is_valid_bsn(client.bsn):
        uitkomst.afkeur("CS002", C.TECHNISCH, "Het BSN van de cliënt voldoet niet aan de elfproef.", uitkomst.header)
    if client is not None and client.geboortedatum and dagtekening:
        if client.geboortedatum > dagtekening or (dagtekening.year - client.geboortedatum.year) > 120:
            uitkomst.afkeur("TR002", C.TECHNISCH,
                            "De geboortedatum ligt na de dagtekening of meer dan 120 jaar ervoor.", uitkomst.header)
    for p in b.starts:
        if p.status_aanlevering not in (C.EERSTE_AANLEVERING, C.VERWIJDEREN):
            uitkomst.afkeur("CS058", C.TECHNISCH, "StatusAanlevering moet 1 of 3 zijn.", uitkomst.header)
        if dagtekening and p.begindatum > dagtekening:
            uitkomst.afkeur("TR134", C.TECHNISCH, "De begindatum ligt na de dagtekening.", uitkomst.header)
    for p in b.stops:
        if p.status_aanlevering not in (C.EERSTE_AANLEVERING, C.VERWIJDEREN):
            uitkomst.afkeur("CS058", C.TECHNISCH, "StatusAanlevering moet 1 of 3 zijn.", uitkomst.header)
        if p.einddatum < p.begindatum:
            uitkomst.afkeur("TR018", C.TECHNISCH, "De einddatum ligt voor de begindatum.", uitkomst.header)
        if dagtekening and (p.begindatum > dagtekening or p.einddatum > dagtekening):
            uitkomst.afkeur("TR134", C.TECHNISCH, "Een datum ligt na de dagtekening.", uitkomst.header)
    regels = [(p.toewijzingnummer, p.begindatum, p.status_aanlevering) for p in b.starts] + \
        [(p.toewijzingnummer, p.begindatum, p.einddatum, p.status_aanlevering) for p in b.stops]
    if len(regels) != len(set(regels)):
        uitkomst.afkeur("TR101", C.TECHNISCH, "Het bericht bevat dubbele regels.", uitkomst.header)
    referenties = [p.referentie_aanbieder for p in b.aangevraagd]
    if len(referenties) != len(set(referenties)):
        uitkomst.afkeur("TR383", C.TECHNISCH, "ReferentieAanbieder komt meer dan eens voor.", uitkomst.header)
    for p in b.aangevraagd:
        _periode_en_omvang("AangevraagdProduct", p.ingangsdatum, p.einddatum, p.code, p.omvang, p.budget, uitkomst)
    if b.verzoek is not None:
        v = b.verzoek
        if not v.ongewijzigd and not v.te_wijzigen:
            uitkomst.afkeur(
                "TR352",
                C.TECHNISCH,
                "Het verzoek noemt geen enkel OngewijzigdProduct of TeWijzigenProduct.",
                uitkomst.header,
            )
        if not v.te_wijzigen and not v.nieuw:
            uitkomst.afkeur("TR353", C.TECHNISCH, "Het verzoek noemt geen enkel TeWijzigenProduct of NieuwProduct.",
                            uitkomst.header)
        for p in v.te_wijzigen:
            if p.einddatum and p.einddatum < p.gewenste_ingangsdatum:
                uitkomst.afkeur(
                    "CS003", C.TECHNISCH, "De einddatum ligt voor de gewenste ingangsdatum.", uitkomst.header
                )
            if p.omvang and p.budget is not None:
                uitkomst.afkeur("CD077", C.TECHNISCH, "Omvang en Budget zijn allebei gevuld.", uitkomst.header)
        for p in v.nieuw:
            _periode_en_omvang(
                "NieuwProduct", p.gewenste_ingangsdatum, p.einddatum, p.code, p.omvang, p.budget, uitkomst
            )


def _periode_en_omvang(klasse, ingang, eind, code, omvang, budget, uitkomst: Beoordeling) -> None:
    if eind and ingang and eind < ingang:
        uitkomst.afkeur("CS003", C.TECHNISCH, f"{klasse}: de einddatum ligt voor de ingangsdatum.", uitkomst.header)
    if omvang and budget is not None:
        uitkomst.afkeur("CD077", C.TECHNISCH, f"{klasse}: Omvang en Budget zijn allebei gevuld.", uitkomst.header)
    if code and omvang is None and budget is None:
        uitkomst.afkeur("CD041", C.TECHNISCH, f"{klasse}: een productcode zonder Omvang.", uitkomst.header)
    if budget is not None and eind is None:
        uitkomst.afkeur("CD075", C.TECHNISCH, f"{klasse}: een Budget zonder einddatum.", uitkomst.header)


def _header(b: Bericht, stand: Stand, uitkomst: Beoordeling) -> None:
    h = b.header
    if h.ontvanger != stand.gemeentecode:
        uitkomst.afkeur("TR378", "S300", f"Het bericht is gericht aan gemeente {h.ontvanger}, niet aan deze gemeente.",
                        uitkomst.header)
    if h.dagtekening and h.dagtekening > stand.vandaag:
        uitkomst.afkeur("TR135", "8848", "De dagtekening ligt in de toekomst.", uitkomst.header)
    if (h.afzender, b.soort, h.identificatie) in stand.ontvangen:
        uitkomst.afkeur("TR056", "9056", f"Bericht {h.identificatie} van deze aanbieder is al eerder ontvangen.",
                        uitkomst.header)


def _koppel(
    b: Bericht, nummer: int | None, categorie: str, code: str, stand: Stand
) -> tuple[BekendeToewijzing | None, str]:
    """TR019: the toewijzing a start/stop is about, or why it cannot be linked."""
    t = stand.toewijzingen.get(nummer) if nummer is not None else None
    if t is None:
        return None, f"Toewijzingnummer {nummer} is bij deze gemeente niet bekend."
    if t.aanbieder_agb != b.header.afzender or t.standaard != b.standaard:
        return None, f"Toewijzing {nummer} is niet aan deze aanbieder of niet onder deze wet toegewezen."
    if b.client is None or t.bsn != b.client.bsn:
        return None, f"Toewijzing {nummer} hoort niet bij deze cliënt."
    if categorie and (categorie != t.categorie or (code and t.code and code != t.code)):
        return None, f"Het product van regel {nummer} is in deze toewijzing niet toegewezen."
    return t, ""


def _starts(b: Bericht, stand: Stand, uitkomst: Beoordeling) -> None:
    for p in b.starts:
        codes: list[str] = []
        t, waarom = _koppel(b, p.toewijzingnummer, p.categorie, p.code, stand)
        if t is None:
            uitkomst.afkeur("TR019", "9019", waarom, codes)
        elif p.status_aanlevering == C.EERSTE_AANLEVERING:
            zelfde = [s for s in t.starts if s.begindatum == p.begindatum and not s.verwijderd]
            if zelfde:
                uitkomst.afkeur("TR074", "9074", "Deze start is al eerder gemeld.", codes)
            else:
                # An actual start is one without a stop (temporary or final) on the same key (OP379).
                gestopt = {s.begindatum for s in t.stops if not s.verwijderd}
                actueel = [s for s in t.starts if not s.verwijderd and s.begindatum not in gestopt]
                if actueel:
                    uitkomst.afkeur("TR326", "9326", "Er loopt al een start die nog niet is gestopt.", codes)
        else:  # verwijderen
            zelfde = [s for s in t.starts if s.begindatum == p.begindatum and not s.verwijderd]
            if not zelfde:
                uitkomst.afkeur("TR063", "9063", "Er is geen eerdere start met deze sleutel om te verwijderen.", codes)
            elif any(s.begindatum == p.begindatum and not s.verwijderd for s in t.stops):
                uitkomst.afkeur("TR071", "9071", "De start kan niet weg: de zorg is al gestopt.", codes)
        uitkomst.producten.append(codes)


def _stops(b: Bericht, stand: Stand, uitkomst: Beoordeling) -> None:
    for p in b.stops:
        codes: list[str] = []
        t, waarom = _koppel(b, p.toewijzingnummer, p.categorie, p.code, stand)
        if t is None:
            uitkomst.afkeur("TR019", "9019", waarom, codes)
        elif p.status_aanlevering == C.EERSTE_AANLEVERING:
            if not any(s.begindatum == p.begindatum and not s.verwijderd for s in t.starts):
                uitkomst.afkeur("TR382", "9069", "Er is geen actuele start met dezelfde begindatum.", codes)
            eerdere = [s for s in t.stops if s.begindatum == p.begindatum and not s.verwijderd]
            if any(s.einddatum == p.einddatum and s.reden == p.reden_beeindiging for s in eerdere):
                uitkomst.afkeur("TR074", "9074", "Deze stop is al eerder gemeld.", codes)
            elif any(s.reden != C.TIJDELIJK_BEEINDIGD for s in eerdere):
                uitkomst.afkeur("TR415", "9415", "De levering is al definitief gestopt.", codes)
            elif p.reden_beeindiging == C.TIJDELIJK_BEEINDIGD and eerdere:
                uitkomst.afkeur("TR413", "9413", "Er is al een tijdelijke stop met dezelfde sleutel.", codes)
            elif any(p.einddatum < s.einddatum for s in eerdere):
                uitkomst.afkeur("TR414", "9414", "De einddatum ligt voor die van de eerdere stop.", codes)
        else:
            if not any(
                s.begindatum == p.begindatum and s.einddatum == p.einddatum and not s.verwijderd for s in t.stops
            ):
                uitkomst.afkeur("TR063", "9063", "Er is geen eerdere stop met deze sleutel om te verwijderen.", codes)
        uitkomst.producten.append(codes)


def _verzoek_om_toewijzing(b: Bericht, stand: Stand, uitkomst: Beoordeling) -> None:
    afzender = b.header.afzender
    if (afzender, b.client.bsn) in stand.open_verzoeken:
        uitkomst.afkeur("TR374", "9374", "Voor deze cliënt is al een verzoek van deze aanbieder in behandeling.",
                        uitkomst.client)
    for p in b.aangevraagd:
        codes: list[str] = []
        if (afzender, p.referentie_aanbieder) in stand.referenties:
            uitkomst.afkeur(
                "TR347", "9347", f"ReferentieAanbieder {p.referentie_aanbieder} is al eerder gebruikt.", codes
            )
        uitkomst.producten.append(codes)


def _actueel_bij(b: Bericht, stand: Stand) -> dict[int, BekendeToewijzing]:
    return {
        n: t
        for n, t in stand.toewijzingen.items()
        if t.actueel and t.bsn == b.client.bsn and t.aanbieder_agb == b.header.afzender and t.standaard == b.standaard
    }


def _verzoek_om_wijziging(b: Bericht, stand: Stand, uitkomst: Beoordeling) -> None:
    afzender, v = b.header.afzender, b.verzoek
    if not any(t.bsn == b.client.bsn for t in stand.toewijzingen.values()):
        uitkomst.afkeur("TR304", "8187", "Deze cliënt heeft bij deze gemeente geen toewijzing.", uitkomst.client)
    if (afzender, v.referentie_aanbieder) in stand.referenties:
        uitkomst.afkeur("TR347", "9347", f"ReferentieAanbieder {v.referentie_aanbieder} is al eerder gebruikt.",
                        uitkomst.verzoek)
    if (afzender, b.client.bsn) in stand.open_verzoeken:
        uitkomst.afkeur("TR374", "9374", "Voor deze cliënt is al een verzoek van deze aanbieder in behandeling.",
                        uitkomst.verzoek)
    actueel = _actueel_bij(b, stand)
    genoemd = set(v.ongewijzigd) | {p.toewijzingnummer for p in v.te_wijzigen}
    if not uitkomst.client and set(actueel) - genoemd:
        uitkomst.afkeur(
            "TR349", "9349", "Het verzoek noemt niet alle actuele toewijzingen van de cliënt.", uitkomst.verzoek
        )
    for nummer in v.ongewijzigd:
        codes: list[str] = []
        if nummer not in actueel:
            uitkomst.afkeur("TR350", "9350", f"Toewijzing {nummer} is geen actuele toewijzing van deze cliënt.", codes)
        uitkomst.producten.append(codes)
    for p in v.te_wijzigen:
        codes = []
        t = actueel.get(p.toewijzingnummer)
        if t is None:
            uitkomst.afkeur(
                "TR351", "9351", f"Toewijzing {p.toewijzingnummer} is geen actuele toewijzing van deze cliënt.", codes
            )
        elif p.gewenste_ingangsdatum <= b.header.dagtekening and p.gewenste_ingangsdatum != t.ingangsdatum:
            uitkomst.afkeur(
                "TR357",
                "9357",
                "Een wijziging die niet in de toekomst ingaat, geldt vanaf de ingangsdatum van de toewijzing.",
                codes,
            )
        uitkomst.producten.append(codes)
    for _p in v.nieuw:
        uitkomst.producten.append([])


def beoordeel(gelezen: Gelezen, stand: Stand) -> Beoordeling:
    """All rules on one read message, in the standard's order: XSD, header, technical, berichtoverstijgend."""
    uitkomst = Beoordeling()
    if gelezen.schemafouten:
        for fout in gelezen.schemafouten[:20]:
            uitkomst.afkeur("XSD", C.TECHNISCH, str(fout), uitkomst.header)
        return uitkomst
    b = gelezen.bericht
    _header(b, stand, uitkomst)
    _technisch(b, uitkomst)
    if uitkomst.header or b.nummer in (302, 320):
        return uitkomst
    if b.nummer == 305:
        _starts(b, stand, uitkomst)
    elif b.nummer == 307:
        _stops(b, stand, uitkomst)
    elif b.nummer == 315:
        _verzoek_om_toewijzing(b, stand, uitkomst)
    elif b.nummer == 317:
        _verzoek_om_wijziging(b, stand, uitkomst)
    return uitkomst
