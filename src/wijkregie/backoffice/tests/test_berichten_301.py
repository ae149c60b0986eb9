"""A toekenning queues a 301 valid against its XSD; a later 301 for the same client and provider replaces
one not yet sent and holds every current toewijzing (OP087)."""

import datetime

from django.utils import timezone

from wijkregie.backoffice import berichten
from wijkregie.backoffice.istandaard import codes, schemas
from wijkregie.backoffice.models import Bericht, BerichtStatus, Toewijzing

from .bericht_hulp import AGB, toewijzing_voor
from .helpers import toekennen


def _geldig(bericht):
    assert schemas.valideer(codes.SOORTEN[bericht.soort], bericht.inhoud.encode()) == []


def test_bericht_the_toekenning_queues_a_valid_301_on_commit(world, getekend, django_capture_on_commit_callbacks):
    persoon = getekend.casus.hoofdpersoon
    persoon.bsn, persoon.straat, persoon.huisnummer, persoon.postcode = "999900031", "Kanaalweg", "3", "1781 AA"
    persoon.woonplaats = "Den Helder"
    persoon.save()
    with django_capture_on_commit_callbacks(execute=True):
        beschikking = toekennen(world, getekend, productcode="02A01")
    bericht = Bericht.objects.get(soort="WMO301")
    _geldig(bericht)
    t = beschikking.toewijzingen.get()
    assert f"<ToewijzingNummer>{t.toewijzingnummer}</ToewijzingNummer>" in bericht.inhoud
    assert "<Afzender>0400</Afzender>" in bericht.inhoud and f"<Ontvanger>{AGB}</Ontvanger>" in bericht.inhoud
    assert bericht.status == BerichtStatus.KLAAR and bericht.persoon == persoon


def test_bericht_a_resident_without_bsn_gets_no_301_and_the_decision_stands(world, getekend,
                                                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        beschikking = toekennen(world, getekend)
    assert beschikking.pk and not Bericht.objects.exists()
    try:
        berichten._klaarzetten(beschikking.toewijzingen.get())
    except berichten.BerichtFout as fout:
        assert "BSN" in str(fout)
    else:
        raise AssertionError("a 301 without BSN")


def test_bericht_OP087_a_change_sends_all_current_toewijzingen_and_replaces_the_unsent_301(world):
    t = toewijzing_voor(world, nummer=501, bsn="999900043", wet="jeugdwet", categorie="45", code="45A01")
    eerste = berichten.toewijzing_klaarzetten(t)
    # A second product for the same client at the same provider (another decision), then a change of the first.
    tweede = Toewijzing.objects.create(
        gemeente=t.gemeente, beschikking=t.beschikking, toewijzingnummer=502, productcategorie="46", productcode="",
        volume=1, eenheid="82", frequentie="6", ingangsdatum=t.ingangsdatum, einddatum=None, aanbieder_agb=AGB,
        aanbieder_naam="Omring")
    Toewijzing.objects.filter(pk=t.pk).update(einddatum=datetime.date(2027, 1, 31), reden_wijziging="05")
    t.refresh_from_db()
    nieuw = berichten.toewijzing_klaarzetten(t)
    _geldig(eerste)
    _geldig(nieuw)
    eerste.refresh_from_db()
    assert eerste.status == BerichtStatus.VERVALLEN and nieuw.identificatie != eerste.identificatie
    assert "<ToewijzingNummer>501</ToewijzingNummer>" in nieuw.inhoud and "<ToewijzingNummer>502" in nieuw.inhoud
    assert "<RedenWijziging>05</RedenWijziging>" in nieuw.inhoud
    # Ended in the past (no longer current) but not yet told to the provider: the next 301 still carries it,
    # even when the 301 telling it is replaced before it was sent (OP087: changed since the previous message).
    Toewijzing.objects.filter(pk=t.pk).update(einddatum=datetime.date(2026, 11, 3), vastgesteld_op=timezone.now())
    derde = berichten.toewijzing_klaarzetten(tweede)
    assert "<ToewijzingNummer>501</ToewijzingNummer>" in derde.inhoud
    # Once a 301 with that end reached the provider, a later 301 leaves the ended toewijzing out.
    Bericht.objects.filter(pk=derde.pk).update(status=BerichtStatus.VERZONDEN)
    vierde = berichten.toewijzing_klaarzetten(tweede)
    assert "<ToewijzingNummer>501</ToewijzingNummer>" not in vierde.inhoud
    assert "<ToewijzingNummer>502</ToewijzingNummer>" in vierde.inhoud
