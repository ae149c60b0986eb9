"""Messages as a provider sends them (305 start, 307 stop, 315 verzoek om toewijzing): for the demo's
exchange and for tests that need a provider's message about a toewijzing of their own making. wijkregie
itself never sends these; every message built here is checked against its XSD by its caller.
"""

from __future__ import annotations

import datetime

from .gegevens import AangevraagdProduct, Client, StartProduct, StopProduct
from .opbouw import Bouwer, _geboortedatum, _naam, _omvang, serialiseer


def _begin(standaard: str, nummer: int, agb: str, gemeentecode: str, identificatie: str,
           dagtekening: datetime.date, client: Client):
    b = Bouwer(standaard, nummer)
    root = b.root()
    b.header(root, afzender=agb, ontvanger=gemeentecode, identificatie=identificatie, dagtekening=dagtekening)
    c = b.el(root, "Client")
    b.el(c, "Bsn", client.bsn)
    _geboortedatum(b, c, client.geboortedatum)
    b.el(c, "Geslacht", client.geslacht)
    _naam(b, c, client, volledig=False)
    return b, root, c


def _product(b: Bouwer, ouder, categorie: str, code: str) -> None:
    if categorie:
        p = b.el(ouder, "Product")
        b.el(p, "Categorie", categorie, basis=True)
        if code:
            b.el(p, "Code", code, basis=True)


def bouw_305(*, standaard: str, agb: str, gemeentecode: str, identificatie: str, dagtekening: datetime.date,
             client: Client, starts: list[StartProduct]) -> bytes:
    b, root, c = _begin(standaard, 305, agb, gemeentecode, identificatie, dagtekening, client)
    lijst = b.el(c, "StartProducten")
    for s in starts:
        e = b.el(lijst, "StartProduct")
        if s.toewijzingnummer is not None:
            b.el(e, "ToewijzingNummer", s.toewijzingnummer)
        _product(b, e, s.categorie, s.code)
        if s.toewijzing_ingangsdatum:
            b.el(e, "ToewijzingIngangsdatum", s.toewijzing_ingangsdatum)
        b.el(e, "Begindatum", s.begindatum)
        b.el(e, "StatusAanlevering", s.status_aanlevering)
    return serialiseer(root, b.soort)


def bouw_307(*, standaard: str, agb: str, gemeentecode: str, identificatie: str, dagtekening: datetime.date,
             client: Client, stops: list[StopProduct]) -> bytes:
    b, root, c = _begin(standaard, 307, agb, gemeentecode, identificatie, dagtekening, client)
    lijst = b.el(c, "StopProducten")
    for s in stops:
        e = b.el(lijst, "StopProduct")
        if s.toewijzingnummer is not None:
            b.el(e, "ToewijzingNummer", s.toewijzingnummer)
        _product(b, e, s.categorie, s.code)
        if s.toewijzing_ingangsdatum:
            b.el(e, "ToewijzingIngangsdatum", s.toewijzing_ingangsdatum)
        b.el(e, "Begindatum", s.begindatum)
        b.el(e, "RedenBeeindiging", s.reden_beeindiging)
        b.el(e, "Einddatum", s.einddatum)
        b.el(e, "StatusAanlevering", s.status_aanlevering)
    return serialiseer(root, b.soort)


def bouw_315(*, standaard: str, agb: str, gemeentecode: str, identificatie: str, dagtekening: datetime.date,
             client: Client, aangevraagd: list[AangevraagdProduct]) -> bytes:
    b, root, c = _begin(standaard, 315, agb, gemeentecode, identificatie, dagtekening, client)
    lijst = b.el(c, "AangevraagdeProducten")
    for p in aangevraagd:
        e = b.el(lijst, "AangevraagdProduct")
        b.el(e, "ReferentieAanbieder", p.referentie_aanbieder)
        _product(b, e, p.categorie, p.code)
        b.el(e, "ToewijzingIngangsdatum", p.ingangsdatum)
        if p.einddatum:
            b.el(e, "ToewijzingEinddatum", p.einddatum)
        if p.omvang:
            _omvang(b, e, p.omvang)
        elif p.budget is not None:
            b.el(e, "Budget", p.budget)
        v = b.el(e, "Verwijzer")
        b.el(v, "Type", p.verwijzer_type, basis=True)
        if p.verwijzer_naam:
            b.el(v, "Naam", p.verwijzer_naam, basis=True)
        if p.commentaar:
            b.el(e, "Commentaar", p.commentaar)
    return serialiseer(root, b.soort)
