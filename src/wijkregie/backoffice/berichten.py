"""The iWmo/iJw exchange's services: queueing outgoing 301/319s, applying incoming messages, exporting.

Writes are services (one transaction each, audited per client inside it); the pure work (XML, XSD,
the standard's rules, retour messages) is backoffice.istandaard.

- `toewijzing_klaarzetten`: the backoffice's toekenning calls it on commit; a 301 for the client at
  that provider is queued with every current toewijzing plus the changed one (OP087). A newer 301 for
  the same client and provider replaces one not yet sent (it says everything the older one said).
- `bericht_importeren`: one incoming file, read, checked and applied whole or not at all (OP286 and the
  issue's rule), answered with its retour (306/308/316/318), kept with its outcome. A 315/317 becomes a
  Berichttaak due in 5 working days; a provider's rejection (302/320) of what we sent becomes one too.
- `verzoek_beantwoorden`: a 319 on a 315/317 (afgewezen with WJ759 reden, or in onderzoek).
- `berichten_exporteren`: every outgoing message not yet handed to the gateway, as files.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkregie.core.audit import audit_log
from wijkregie.core.models import AuditActie, Gemeente
from wijkregie.inwoners.models import Persoon

from .istandaard import codes, lezen, opbouw, regels, retour, schemas
from .istandaard.gegevens import Adres, Antwoordbericht, Client, Omvang, ToegewezenProduct, Toewijzingsbericht
from .istandaard.termijnen import werkdagen_na
from .models import (
    Bericht,
    BerichtStatus,
    Berichttaak,
    BerichttaakSoort,
    RedenWijziging,
    Regiemelding,
    Richting,
    Toewijzing,
)

logger = logging.getLogger(__name__)

#: Days the standard gives: a retour within 3 working days (OP090), an answer to a request within 5 (OP274/OP346).
RETOUR_WERKDAGEN = 3
ANTWOORD_WERKDAGEN = 5

STANDAARD = {"wmo": codes.WMO, "jeugdwet": codes.JW}
WET = {codes.WMO: "wmo", codes.JW: "jeugdwet"}


class BerichtFout(Exception):
    """A message that cannot be built or placed; the text is Dutch, for the page and the command line."""


def _gemeentecode(gemeente: Gemeente) -> str:
    if not (gemeente.cbs_code or "").isdigit() or len(gemeente.cbs_code) != 4:
        raise BerichtFout(_("Gemeente %(naam)s heeft geen CBS-gemeentecode van 4 cijfers: die staat in elk "
                            "iWmo/iJw-bericht (Afzender).") % {"naam": gemeente.naam})
    return gemeente.cbs_code


def _audit(*, actor, bericht: Bericht, actie: str, omschrijving: str) -> None:
    audit_log(actor=actor, actie=actie, object_type="backoffice.bericht", object_id=bericht.pk,
              gemeente_id=bericht.gemeente_id, client_id=bericht.persoon_id, omschrijving=omschrijving,
              grondslag="wettelijke taak")


def _nieuw_uit(*, gemeente, soort: str, agb: str, persoon, actor, antwoord_op=None, referentie="",
               uiterlijk_op=None) -> Bericht:
    """An outgoing Bericht whose Identificatie is its own number: unique per gemeente per berichtsoort (TR056)."""
    bericht = Bericht.objects.create(
        gemeente=gemeente, richting=Richting.UIT, soort=soort, aanbieder_agb=agb, identificatie="-",
        dagtekening=timezone.localdate(), inhoud="", status=BerichtStatus.KLAAR, persoon=persoon,
        aangemaakt_door=actor if getattr(actor, "pk", None) else None, antwoord_op=antwoord_op, referentie=referentie,
        uiterlijk_op=uiterlijk_op,
    )
    bericht.identificatie = str(bericht.pk)
    return bericht


def _opslaan_xml(bericht: Bericht, xml: bytes, soort: codes.Berichtsoort) -> None:
    fouten = schemas.valideer(soort, xml) if schemas.heeft_schema(soort) else []
    if fouten:
        # Never send what the provider's software will refuse: a 301 failing its XSD is a fault here.
        raise BerichtFout(_("Het %(soort)s-bericht voldoet niet aan het XSD: %(fout)s") %
                          {"soort": soort.naam, "fout": fouten[0]})
    bericht.inhoud = xml.decode("utf-8")
    bericht.bestandsnaam = (
        f"{soort.naam}_{bericht.gemeente.cbs_code}_{bericht.aanbieder_agb}_{bericht.identificatie}.xml"
    )
    bericht.save()


# ---- outgoing: 301 ----

def _actueel(t: Toewijzing, vandaag: datetime.date) -> bool:
    """OP087: valid on or after today; a removed toewijzing (RedenWijziging 13) is not current."""
    return t.reden_wijziging != RedenWijziging.VERWIJDERD and (t.einddatum is None or t.einddatum >= vandaag)


def _product(t: Toewijzing, referentie: str = "") -> ToegewezenProduct:
    omvang = Omvang(t.volume, t.eenheid, t.frequentie) if t.volume is not None else None
    return ToegewezenProduct(
        toewijzingnummer=t.toewijzingnummer, categorie=t.productcategorie, code=t.productcode,
        toewijzingsdatum=timezone.localtime(t.vastgesteld_op).replace(microsecond=0, tzinfo=None),
        ingangsdatum=t.ingangsdatum, einddatum=t.einddatum, reden_wijziging=t.reden_wijziging, omvang=omvang,
        referentie_aanbieder=referentie,
    )


def _client(p: Persoon) -> tuple[Client, Adres]:
    return (
        Client(
            bsn=p.bsn,
            achternaam=p.achternaam,
            voorvoegsel=p.tussenvoegsel,
            voornamen=p.voornamen,
            geboortedatum=p.geboortedatum,
        ),
        Adres(straat=p.straat, huisnummer=p.huisnummer, postcode=p.postcode, plaats=p.woonplaats, telefoon=p.telefoon),
    )


def toewijzing_klaarzetten(toewijzing: Toewijzing, *, actor=None, referentie: str = "") -> Bericht | None:
    """Queues the 301 (see `_klaarzetten`). Called on commit of the backoffice's decision, where an
    exception would turn a decision already taken into an error page: a 301 that cannot be made (no
    BSN, no gemeentecode) is logged by id and None returned; the backoffice pages show the toewijzing
    without a message, and `_klaarzetten` raises for callers that want to know why."""
    try:
        return _klaarzetten(toewijzing, actor=actor, referentie=referentie)
    except BerichtFout as fout:
        logger.warning("Geen 301 voor toewijzing %s: %s", toewijzing.pk, fout)
        return None


def _klaarzetten(toewijzing: Toewijzing, *, actor=None, referentie: str = "") -> Bericht:
    """Queues the WMO301/JW301 for the client of `toewijzing` at its provider (OP087, OP033x1, OP258).

    Called by the backoffice's toekenning, change and end on commit. The message holds every current
    toewijzing of the client at that provider under that law, and this one even when it ended (a
    change or end is told with a new 301). `referentie` is the ReferentieAanbieder of the 315/317 it
    answers (TR379), empty otherwise.
    """
    with transaction.atomic():
        t = Toewijzing.objects.select_related("beschikking__persoon", "gemeente").get(pk=toewijzing.pk)
        persoon, wet = t.beschikking.persoon, t.beschikking.wet
        if wet not in STANDAARD:
            raise BerichtFout(_("Voor deze wet bestaat geen iWmo/iJw-bericht."))
        if not persoon.bsn:
            # OP079: the BSN identifies the client in the exchange; without one no 301 can go.
            raise BerichtFout(_("Deze inwoner heeft geen BSN: een toewijzing kan niet als bericht naar de aanbieder."))
        standaard = STANDAARD[wet]
        soort = codes.soort(standaard, 301)
        gemeentecode = _gemeentecode(t.gemeente)
        vandaag = timezone.localdate()
        alle = Toewijzing.objects.filter(gemeente_id=t.gemeente_id, beschikking__persoon=persoon, beschikking__wet=wet,
                                         aanbieder_agb=t.aanbieder_agb).order_by("ingangsdatum", "toewijzingnummer")
        # OP087: every current toewijzing, plus every one changed since the last 301 that reached the provider
        # (an end not yet told, also when the 301 telling it was replaced before it was sent).
        vorige = (Bericht.objects.filter(gemeente_id=t.gemeente_id, richting=Richting.UIT, soort=soort.naam,
                                         persoon=persoon, aanbieder_agb=t.aanbieder_agb,
                                         status__in=[BerichtStatus.VERZONDEN, BerichtStatus.AFGEKEURD_DOOR_AANBIEDER])
                  .order_by("-aangemaakt_op").values_list("aangemaakt_op", flat=True).first())
        producten = [x for x in alle if x.pk == t.pk or _actueel(x, vandaag) or vorige is None
                     or x.vastgesteld_op >= vorige]
        # A 301 not yet sent for the same client and provider is superseded: the new one holds all of it.
        Bericht.objects.filter(gemeente_id=t.gemeente_id, richting=Richting.UIT, soort=soort.naam, persoon=persoon,
                               aanbieder_agb=t.aanbieder_agb, status=BerichtStatus.KLAAR).update(
            status=BerichtStatus.VERVALLEN)
        bericht = _nieuw_uit(gemeente=t.gemeente, soort=soort.naam, agb=t.aanbieder_agb, persoon=persoon, actor=actor,
                             referentie=referentie)
        client, adres = _client(persoon)
        xml = opbouw.bouw_301(Toewijzingsbericht(
            standaard=standaard, gemeentecode=gemeentecode, aanbieder_agb=t.aanbieder_agb,
            identificatie=bericht.identificatie, dagtekening=vandaag, client=client, adres=adres,
            producten=tuple(_product(x, referentie if x.pk == t.pk else "") for x in producten)))
        _opslaan_xml(bericht, xml, soort)
        _audit(actor=actor, bericht=bericht, actie=AuditActie.CREATE,
               omschrijving=f"{soort.naam} klaargezet ({len(producten)} toewijzing(en))")
        return bericht


# ---- outgoing: 319 ----

def verzoek_beantwoorden(*, actor, taak: Berichttaak, verzoek_antwoord: str, reden: str = "",
                         woonplaats_gemeente: str = "") -> Bericht:
    """A 319 on a 315/317 (OP274/OP346): afgewezen (WJ760 1) with a WJ759 reden, or in onderzoek (2),
    which keeps the task open (an answer then follows within 8 weeks)."""
    if verzoek_antwoord not in (codes.VERZOEK_AFGEWEZEN, codes.VERZOEK_IN_ONDERZOEK):
        raise BerichtFout(_("Kies afwijzen of in onderzoek."))
    if verzoek_antwoord == codes.VERZOEK_AFGEWEZEN and reden not in codes.REDENEN_AFWIJZING:
        raise BerichtFout(_("Kies een reden van afwijzing."))
    if verzoek_antwoord == codes.VERZOEK_IN_ONDERZOEK:
        reden = ""
    with transaction.atomic():
        taak = Berichttaak.objects.select_for_update().select_related("bericht", "gemeente").get(pk=taak.pk)
        if taak.afgehandeld_op is not None:
            raise BerichtFout(_("Dit verzoek is al beantwoord."))
        if taak.soort == BerichttaakSoort.AFKEUR:
            raise BerichtFout(_("Een afkeuring door de aanbieder wordt niet met een antwoordbericht beantwoord."))
        vorige = Bericht.objects.filter(gemeente_id=taak.gemeente_id, richting=Richting.UIT, referentie=taak.referentie,
                                        aanbieder_agb=taak.bericht.aanbieder_agb, soort__endswith="319")
        # TR360/TR365: after "in onderzoek" only a final answer may follow, and only once.
        if verzoek_antwoord == codes.VERZOEK_IN_ONDERZOEK and vorige.exists():
            raise BerichtFout(_("Dit verzoek is al in onderzoek gemeld."))
        heen = codes.SOORTEN[taak.bericht.soort]
        if reden == codes.WOONPLAATSBEGINSEL and heen.standaard == codes.JW:
            if not (woonplaats_gemeente.isdigit() and len(woonplaats_gemeente) == 4):
                raise BerichtFout(_("Noem bij het woonplaatsbeginsel de verantwoordelijke gemeente (4 cijfers, CBS)."))
        soort = codes.soort(heen.standaard, 319)
        bericht = _nieuw_uit(gemeente=taak.gemeente, soort=soort.naam, agb=taak.bericht.aanbieder_agb,
                             persoon=taak.persoon, actor=actor, antwoord_op=taak.bericht, referentie=taak.referentie)
        xml = opbouw.bouw_319(Antwoordbericht(
            standaard=heen.standaard, gemeentecode=_gemeentecode(taak.gemeente), aanbieder_agb=bericht.aanbieder_agb,
            identificatie=bericht.identificatie, dagtekening=timezone.localdate(), referentie_aanbieder=taak.referentie,
            verzoek_antwoord=verzoek_antwoord, reden_afwijzing=reden, woonplaats_gemeente=woonplaats_gemeente))
        _opslaan_xml(bericht, xml, soort)
        if verzoek_antwoord == codes.VERZOEK_AFGEWEZEN:
            taak.afgehandeld_op, taak.afgehandeld_met = timezone.now(), bericht
        else:
            # OP274: in onderzoek: the final answer within 8 weeks of the request.
            taak.uiterlijk_op = taak.bericht.aangemaakt_op.date() + datetime.timedelta(weeks=8)
        taak.save()
        _audit(actor=actor, bericht=bericht, actie=AuditActie.CREATE,
               omschrijving=f"{soort.naam} op verzoek: {'afgewezen' if reden else 'in onderzoek'}")
        return bericht


def verzoek_toegewezen(*, actor, taak: Berichttaak, toewijzing: Toewijzing) -> Bericht:
    """Answers a 315/317 with a 301: the toewijzing decided on it, carrying the request's ReferentieAanbieder."""
    with transaction.atomic():
        taak = Berichttaak.objects.select_for_update().get(pk=taak.pk)
        if taak.afgehandeld_op is not None:
            raise BerichtFout(_("Dit verzoek is al beantwoord."))
        bericht = _klaarzetten(toewijzing, actor=actor, referentie=taak.referentie)
        taak.afgehandeld_op, taak.afgehandeld_met = timezone.now(), bericht
        taak.save(update_fields=["afgehandeld_op", "afgehandeld_met"])
        return bericht


# ---- incoming ----

@dataclass
class Uitkomst:
    """What happened to one file: the message kept, the retour made (none for a 302/320), in one Dutch line."""

    bericht: Bericht
    retour: Bericht | None
    geaccepteerd: bool
    samenvatting: str


def _partijen(gelezen: lezen.Gelezen) -> tuple[str, str]:
    """(aanbieder AGB, gemeentecode). A retour copies the header of what it answers: in a 302/320 on
    our 301/319 the Afzender is still the gemeente and the Ontvanger the provider."""
    h = gelezen.header
    if gelezen.soort.nummer in (302, 320):
        return h.ontvanger, h.afzender
    return h.afzender, h.ontvanger


def _gemeente_voor(gelezen: lezen.Gelezen, gemeente: Gemeente | None) -> Gemeente:
    if gemeente is not None:
        return gemeente
    code = _partijen(gelezen)[1]
    gevonden = Gemeente.objects.filter(cbs_code=code).first()
    if gevonden:
        return gevonden
    enige = list(Gemeente.objects.exclude(cbs_code="")[:2])
    if len(enige) == 1:
        return enige[0]  # the one gemeente of this installation answers S300 (not ours)
    raise lezen.Onleesbaar(f"Geen gemeente met CBS-code {code} in deze installatie; geef --gemeente.")


def _stand(gemeente: Gemeente, gelezen: lezen.Gelezen) -> regels.Stand:
    h, b = gelezen.header, gelezen.bericht
    stand = regels.Stand(gemeentecode=gemeente.cbs_code, vandaag=timezone.localdate())
    if Bericht.objects.filter(gemeente=gemeente, richting=Richting.IN, aanbieder_agb=h.afzender,
                              soort=gelezen.soort.naam, identificatie=h.identificatie).exists():
        stand.ontvangen.add((h.afzender, gelezen.soort.naam, h.identificatie))
    if b is None or b.client is None:
        return stand
    nummers = {p.toewijzingnummer for p in (*b.starts, *b.stops) if p.toewijzingnummer is not None}
    if b.verzoek:
        nummers |= set(b.verzoek.ongewijzigd) | {p.toewijzingnummer for p in b.verzoek.te_wijzigen}
    vandaag = stand.vandaag
    # Locked until the message is applied: two imports about the same toewijzing (the same start sent twice at
    # once) are checked one after the other, so TR074/TR326 see the first one's start (PostgreSQL; SQLite's
    # IMMEDIATE transactions already serialise writers).
    toewijzingen = (
        Toewijzing.objects.filter(gemeente=gemeente)
        .select_related("beschikking__persoon")
        .filter(models_q_bsn_of_nummer(b.client.bsn, nummers))
        .select_for_update(of=("self",))
        .prefetch_related("regiemeldingen")
    )
    for t in toewijzingen:
        meldingen = list(t.regiemeldingen.all())
        stand.toewijzingen[t.toewijzingnummer] = regels.BekendeToewijzing(
            nummer=t.toewijzingnummer, bsn=t.beschikking.persoon.bsn, aanbieder_agb=t.aanbieder_agb,
            standaard=STANDAARD.get(t.beschikking.wet, ""), categorie=t.productcategorie, code=t.productcode,
            ingangsdatum=t.ingangsdatum, einddatum=t.einddatum, actueel=_actueel(t, vandaag),
            starts=tuple(regels.StartStand(m.begindatum, m.verwijderd) for m in meldingen if not m.stop),
            stops=tuple(regels.StopStand(m.begindatum, m.einddatum, m.reden_beeindiging, m.verwijderd)
                        for m in meldingen if m.stop),
        )
    referenties = [p.referentie_aanbieder for p in b.aangevraagd] + (
        [b.verzoek.referentie_aanbieder] if b.verzoek else []
    )
    if referenties:
        for ref in Berichttaak.objects.filter(gemeente=gemeente, bericht__aanbieder_agb=h.afzender,
                                              referentie__in=referenties).values_list("referentie", flat=True):
            stand.referenties.add((h.afzender, ref))
    if Berichttaak.objects.filter(gemeente=gemeente, bericht__aanbieder_agb=h.afzender, persoon__bsn=b.client.bsn,
                                  afgehandeld_op__isnull=True).exclude(soort=BerichttaakSoort.AFKEUR).exists():
        stand.open_verzoeken.add((h.afzender, b.client.bsn))
    return stand


def models_q_bsn_of_nummer(bsn: str, nummers: set[int]):
    from django.db.models import Q

    return Q(beschikking__persoon__bsn=bsn) | Q(toewijzingnummer__in=nummers)


def _toepassen(bericht: Bericht, gelezen: lezen.Gelezen, gemeente: Gemeente) -> None:
    """Applies an accepted message (all its classes passed every rule)."""
    b = gelezen.bericht
    ontvangen = timezone.localdate()
    if b.nummer in (305, 307):
        for p in (*b.starts, *b.stops):
            t = Toewijzing.objects.select_for_update().get(gemeente=gemeente, toewijzingnummer=p.toewijzingnummer)
            stop = b.nummer == 307
            if p.status_aanlevering == codes.VERWIJDEREN:
                Regiemelding.objects.filter(toewijzing=t, stop=stop, begindatum=p.begindatum, verwijderd=False,
                                            **({"einddatum": p.einddatum} if stop else {})).update(verwijderd=True)
            else:
                Regiemelding.objects.create(gemeente=gemeente, toewijzing=t, stop=stop, begindatum=p.begindatum,
                                            einddatum=p.einddatum if stop else None,
                                            reden_beeindiging=p.reden_beeindiging if stop else "", bericht=bericht)
            _werk_toewijzing_bij(t)
    elif b.nummer == 315:
        for p in b.aangevraagd:
            Berichttaak.objects.create(
                gemeente=gemeente, soort=BerichttaakSoort.VERZOEK_TOEWIJZING, bericht=bericht, persoon=bericht.persoon,
                referentie=p.referentie_aanbieder, uiterlijk_op=werkdagen_na(ontvangen, ANTWOORD_WERKDAGEN),
                omschrijving=_("Productcategorie %(cat)s%(code)s vanaf %(datum)s") % {
                    "cat": p.categorie, "code": f" ({p.code})" if p.code else "",
                    "datum": p.ingangsdatum.strftime("%d-%m-%Y")})
    elif b.nummer == 317:
        v = b.verzoek
        Berichttaak.objects.create(
            gemeente=gemeente,
            soort=BerichttaakSoort.VERZOEK_WIJZIGING,
            bericht=bericht,
            persoon=bericht.persoon,
            referentie=v.referentie_aanbieder,
            uiterlijk_op=werkdagen_na(ontvangen, ANTWOORD_WERKDAGEN),
            omschrijving=_("%(reden)s: %(wijzig)d te wijzigen, %(nieuw)d nieuw product(en)")
            % {
                "reden": codes.REDENEN_VERZOEK.get(v.reden, v.reden),
                "wijzig": len(v.te_wijzigen),
                "nieuw": len(v.nieuw),
            },
        )


def _werk_toewijzing_bij(t: Toewijzing) -> None:
    """Toewijzing.gestart_op/gestopt_op follow the latest start and stop that were not removed."""
    meldingen = list(t.regiemeldingen.filter(verwijderd=False).order_by("begindatum", "pk"))
    starts = [m for m in meldingen if not m.stop]
    stops = [m for m in meldingen if m.stop]
    t.gestart_op = starts[-1].begindatum if starts else None
    laatste_stop = stops[-1] if stops else None
    if laatste_stop and t.gestart_op and laatste_stop.begindatum == t.gestart_op:
        t.gestopt_op, t.reden_beeindiging = laatste_stop.einddatum, laatste_stop.reden_beeindiging
    else:
        t.gestopt_op, t.reden_beeindiging = None, ""
    t.save(update_fields=["gestart_op", "gestopt_op", "reden_beeindiging"])


def _retour_gelezen(bericht: Bericht, gelezen: lezen.Gelezen, gemeente: Gemeente) -> tuple[bool, str]:
    """A 302/320: the provider's verdict on our 301/319. A rejection marks ours and becomes a task."""
    b = gelezen.bericht
    codes_ = sorted(set(b.alle_retourcodes))
    bericht.retourcodes = ",".join(codes_)[:200]
    ons = Bericht.objects.filter(
        gemeente=gemeente,
        richting=Richting.UIT,
        aanbieder_agb=_partijen(gelezen)[0],
        identificatie=gelezen.header.identificatie,
        soort=codes.soort(gelezen.soort.standaard, 301 if b.nummer == 302 else 319).naam,
    ).first()
    bericht.antwoord_op = ons
    if ons and not bericht.persoon_id:
        bericht.persoon = ons.persoon
    afgekeurd = any(c != codes.GOED for c in codes_)
    if ons is None:
        bericht.toelichting = _("Dit retourbericht hoort bij geen bericht dat deze gemeente verstuurde (TR337).")
    if afgekeurd:
        bericht.status = BerichtStatus.AFGEKEURD
        if ons is not None:
            ons.status = BerichtStatus.AFGEKEURD_DOOR_AANBIEDER
            ons.save(update_fields=["status"])
        uitleg = "; ".join(f"{c} {codes.retourcode_betekenis(c)}" for c in codes_ if c != codes.GOED)
        bericht.toelichting = "\n".join(filter(None, [bericht.toelichting, uitleg]))
        Berichttaak.objects.create(
            gemeente=gemeente, soort=BerichttaakSoort.AFKEUR, bericht=bericht, persoon=bericht.persoon,
            uiterlijk_op=werkdagen_na(timezone.localdate(), RETOUR_WERKDAGEN),
            omschrijving=(_("De aanbieder keurde %(soort)s %(id)s af: %(uitleg)s") % {
                "soort": ons.soort if ons else "bericht", "id": gelezen.header.identificatie, "uitleg": uitleg})[:300])
    else:
        bericht.status = BerichtStatus.VERWERKT
    bericht.save()
    return not afgekeurd, (_("afgekeurd door de aanbieder: %s") % ", ".join(c for c in codes_ if c != codes.GOED)
                           if afgekeurd else _("geaccepteerd door de aanbieder"))


def bericht_importeren(*, inhoud: bytes, bestandsnaam: str = "", gemeente: Gemeente | None = None,
                       actor=None) -> Uitkomst:
    """Reads, checks and applies one incoming message, whole or not at all, and makes its retour.

    Raises lezen.Onleesbaar for a file that is no readable iWmo/iJw message (nothing is kept then:
    it cannot be attributed to a provider). Everything else is kept with its outcome, in one
    transaction with what it changes and the audit event for its client.
    """
    gelezen = lezen.lees(inhoud)
    gemeente = _gemeente_voor(gelezen, gemeente)
    with transaction.atomic():
        h = gelezen.header
        # What came before, read before this message is kept (TR056 would otherwise find itself).
        stand = _stand(gemeente, gelezen)
        client = gelezen.bericht.client if gelezen.bericht else None
        persoon = None
        if client and client.bsn:
            persoon = Persoon.objects.filter(gemeente=gemeente, bsn=client.bsn).first()
        bericht = Bericht.objects.create(
            gemeente=gemeente,
            richting=Richting.IN,
            soort=gelezen.soort.naam,
            aanbieder_agb=_partijen(gelezen)[0][:8],
            identificatie=h.identificatie[:12],
            dagtekening=h.dagtekening or timezone.localdate(),
            bestandsnaam=Path(bestandsnaam).name[:255],
            inhoud=inhoud.decode("utf-8", "replace"),
            status=BerichtStatus.VERWERKT,
            persoon=persoon,
            aangemaakt_door=actor if getattr(actor, "pk", None) else None,
            referentie=(
                gelezen.bericht.verzoek.referentie_aanbieder if gelezen.bericht and gelezen.bericht.verzoek else ""
            )[:36],
        )
        if gelezen.soort.nummer in (302, 320):
            if gelezen.schemafouten:
                bericht.status = BerichtStatus.AFGEKEURD
                bericht.toelichting = "\n".join(str(f) for f in gelezen.schemafouten[:20])
                bericht.save()
                geaccepteerd, tekst = False, _("voldoet niet aan het XSD; niet verwerkt")
            else:
                geaccepteerd, tekst = _retour_gelezen(bericht, gelezen, gemeente)
            _audit(actor=actor, bericht=bericht, actie=AuditActie.CREATE,
                   omschrijving=f"{bericht.soort} ontvangen: {bericht.get_status_display()}")
            return Uitkomst(bericht, None, geaccepteerd, f"{gelezen.soort.naam} {h.identificatie}: {tekst}")

        beoordeling = regels.beoordeel(gelezen, stand)
        bericht.retourcodes = ",".join(beoordeling.retourcodes or [codes.GOED])[:200]
        bericht.toelichting = "\n".join(beoordeling.redenen)
        bericht.status = BerichtStatus.VERWERKT if beoordeling.geaccepteerd else BerichtStatus.AFGEKEURD
        bericht.save()
        if beoordeling.geaccepteerd:
            _toepassen(bericht, gelezen, gemeente)

        retoursoort = codes.soort(gelezen.soort.standaard, codes.RETOUR_OP[gelezen.soort.nummer])
        ontvangen = timezone.localdate()
        terug = _nieuw_uit(gemeente=gemeente, soort=retoursoort.naam, agb=bericht.aanbieder_agb, persoon=persoon,
                           actor=actor, antwoord_op=bericht, uiterlijk_op=werkdagen_na(ontvangen, RETOUR_WERKDAGEN))
        xml, fouten = retour.bouw_retour(gelezen, beoordeling, identificatie=terug.identificatie, dagtekening=ontvangen)
        if fouten:
            raise BerichtFout(_("Het retourbericht voldoet niet aan het XSD: %s") % fouten[0])
        terug.inhoud = xml.decode("utf-8")
        terug.bestandsnaam = f"{retoursoort.naam}_{gemeente.cbs_code}_{terug.aanbieder_agb}_{terug.identificatie}.xml"
        terug.retourcodes = bericht.retourcodes
        terug.save()
        _audit(actor=actor, bericht=bericht, actie=AuditActie.CREATE,
               omschrijving=f"{bericht.soort} ontvangen: {bericht.get_status_display()} ({bericht.retourcodes})")
        if beoordeling.geaccepteerd:
            tekst = _("verwerkt")
        else:
            # The first reason names the rule and the element (an XSD path), so the line says what to fix.
            tekst = _("afgekeurd (%(codes)s), niets verwerkt: %(reden)s") % {
                "codes": ", ".join(beoordeling.retourcodes),
                "reden": beoordeling.redenen[0] if beoordeling.redenen else "",
            }
        return Uitkomst(bericht, terug, beoordeling.geaccepteerd,
                        f"{gelezen.soort.naam} {h.identificatie}: {tekst}; {retoursoort.naam} {terug.identificatie}")


# ---- export ----

def berichten_exporteren(*, map_: Path, sinds: datetime.date | None = None, gemeente: Gemeente | None = None,
                         actor=None) -> list[tuple[Path, Bericht]]:
    """Writes every outgoing message not yet handed to the gateway (301, 319 and retours made through the
    pages) created on or after `sinds`, and marks them sent. One transaction: when a write fails nothing is
    marked sent, so the next export writes them all again (a file already written is overwritten)."""
    map_.mkdir(parents=True, exist_ok=True)
    uit = Bericht.objects.filter(richting=Richting.UIT, status=BerichtStatus.KLAAR).select_related("gemeente")
    if gemeente is not None:
        uit = uit.filter(gemeente=gemeente)
    if sinds is not None:
        uit = uit.filter(aangemaakt_op__date__gte=sinds)
    geschreven = []
    with transaction.atomic():
        for bericht in uit.select_for_update(of=("self",)).order_by("pk"):
            pad = map_ / bericht.bestandsnaam
            pad.write_text(bericht.inhoud, encoding="utf-8")
            bericht.status, bericht.verzonden_op = BerichtStatus.VERZONDEN, timezone.now()
            bericht.save(update_fields=["status", "verzonden_op"])
            _audit(actor=actor, bericht=bericht, actie=AuditActie.READ, omschrijving=f"{bericht.soort} geëxporteerd")
            geschreven.append((pad, bericht))
    return geschreven


def retour_geschreven(bericht: Bericht, pad: Path) -> None:
    """The command line wrote a retour straight into the gateway's directory: it is sent."""
    pad.write_text(bericht.inhoud, encoding="utf-8")
    Bericht.objects.filter(pk=bericht.pk).update(status=BerichtStatus.VERZONDEN, verzonden_op=timezone.now())


def berichten_ophalen(*, gemeente: Gemeente, actor) -> list[Bericht]:
    """The pages' download of everything due: the outgoing messages not yet sent, marked sent and audited
    (the same as `berichten_exporteren`, for a browser instead of a directory)."""
    with transaction.atomic():
        due = list(Bericht.objects.select_for_update().filter(gemeente=gemeente, richting=Richting.UIT,
                                                              status=BerichtStatus.KLAAR).order_by("pk"))
        nu = timezone.now()
        for bericht in due:
            bericht.status, bericht.verzonden_op = BerichtStatus.VERZONDEN, nu
            bericht.save(update_fields=["status", "verzonden_op"])
            _audit(actor=actor, bericht=bericht, actie=AuditActie.READ, omschrijving=f"{bericht.soort} gedownload")
        return due


# ---- selectors (reads) ----

def berichten_zichtbaar_voor(user):
    """Messages the user may see: the backoffice of the message's gemeente (`backoffice.beslissen`), which the
    access policy gives every resident's identity and contact at every stage (docs/toegangsbeleid.md);
    nobody else. The content holds BSN, name and address: nothing more than the backoffice sees anyway."""
    if not (user.is_authenticated and user.has_perm("backoffice.beslissen")):
        return Bericht.objects.none()
    return Bericht.objects.filter(gemeente_id=user.gemeente_id)


def berichttaken_zichtbaar_voor(user):
    if not (user.is_authenticated and user.has_perm("backoffice.beslissen")):
        return Berichttaak.objects.none()
    return Berichttaak.objects.filter(gemeente_id=user.gemeente_id)


def starts_uitgebleven(user, *, vandaag: datetime.date | None = None) -> list[Toewijzing]:
    """Toewijzingen sent to a provider whose start was due but not reported: OP271 asks a 305 within 5
    working days of the real start; wijkregie expects it 5 working days after the Ingangsdatum."""
    if not (user.is_authenticated and user.has_perm("backoffice.beslissen")):
        return []
    vandaag = vandaag or timezone.localdate()
    from django.db.models import Exists, OuterRef

    # A 301 for that client went to that provider (the toewijzing is known there).
    verzonden = Bericht.objects.filter(gemeente_id=user.gemeente_id, richting=Richting.UIT, soort__endswith="301",
                                       status=BerichtStatus.VERZONDEN, persoon_id=OuterRef("beschikking__persoon_id"),
                                       aanbieder_agb=OuterRef("aanbieder_agb"))
    kandidaten = (Toewijzing.objects.filter(Exists(verzonden), gemeente_id=user.gemeente_id, gestart_op__isnull=True,
                                            ingangsdatum__lt=vandaag)
                  .exclude(reden_wijziging=RedenWijziging.VERWIJDERD).select_related("beschikking__persoon")
                  .order_by("ingangsdatum")[:200])
    return [t for t in kandidaten if werkdagen_na(t.ingangsdatum, ANTWOORD_WERKDAGEN) < vandaag
            and not (t.einddatum and t.einddatum < t.ingangsdatum)]


def toewijzingen_voor_antwoord(taak: Berichttaak) -> list[Toewijzing]:
    """The client's toewijzingen at the requesting provider: one of them may answer the request (a 301)."""
    if taak.persoon_id is None:
        return []
    return list(Toewijzing.objects.filter(gemeente_id=taak.gemeente_id, beschikking__persoon_id=taak.persoon_id,
                                          aanbieder_agb=taak.bericht.aanbieder_agb).order_by("-vastgesteld_op"))
