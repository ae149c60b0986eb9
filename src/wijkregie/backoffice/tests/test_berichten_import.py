"""Incoming messages applied whole or not at all, answered with their retour, kept with their outcome."""

import pytest

from wijkregie.backoffice import berichten
from wijkregie.backoffice.istandaard import codes, lezen, schemas
from wijkregie.backoffice.models import Bericht, BerichtStatus, Berichttaak, BerichttaakSoort, Regiemelding, Richting
from wijkregie.core.models import AuditEvent

from .bericht_hulp import AGB, jw_toewijzing, voorbeeld, wmo_toewijzing


def _importeer(world, naam, inhoud=None):
    return berichten.bericht_importeren(inhoud=inhoud or voorbeeld(naam), bestandsnaam=naam, gemeente=world.den_helder,
                                        actor=world.backoffice)


def _retour_geldig(uitkomst):
    soort = codes.SOORTEN[uitkomst.retour.soort]
    if schemas.heeft_schema(soort):
        assert schemas.valideer(soort, uitkomst.retour.inhoud.encode()) == []


@pytest.mark.parametrize(
    "naam,maak", [("jw305_start_geldig.xml", jw_toewijzing), ("wmo305_start_geldig.xml", wmo_toewijzing)]
)
def test_bericht_a_start_is_applied_answered_with_0200_and_audited(world, naam, maak):
    t = maak(world)
    uitkomst = _importeer(world, naam)
    assert uitkomst.geaccepteerd, uitkomst.bericht.toelichting
    t.refresh_from_db()
    assert str(t.gestart_op) == "2026-11-09"
    assert uitkomst.bericht.status == BerichtStatus.VERWERKT and uitkomst.bericht.persoon == t.beschikking.persoon
    assert uitkomst.retour.soort.endswith("306") and "<RetourCode>0200</RetourCode>" in uitkomst.retour.inhoud
    assert uitkomst.retour.uiterlijk_op is not None  # OP090: due within 3 working days
    _retour_geldig(uitkomst)
    assert AuditEvent.objects.filter(client_id=t.beschikking.persoon_id, object_type="backoffice.bericht",
                                     object_id=str(uitkomst.bericht.pk)).exists()


def test_bericht_start_then_stop_and_the_same_start_twice(world):
    t = jw_toewijzing(world)
    assert _importeer(world, "jw305_start_geldig.xml").geaccepteerd
    stop = _importeer(world, "jw307_stop_geldig.xml")
    assert stop.geaccepteerd, stop.bericht.toelichting
    t.refresh_from_db()
    assert str(t.gestopt_op) == "2026-11-27" and t.reden_beeindiging == "31"
    # The same file again: TR056, rejected on the header, nothing applied a second time.
    nogmaals = _importeer(world, "jw305_start_geldig.xml")
    assert not nogmaals.geaccepteerd and "9056" in nogmaals.bericht.retourcodes
    assert Regiemelding.objects.filter(toewijzing=t).count() == 2
    assert nogmaals.bericht.status == BerichtStatus.AFGEKEURD
    _retour_geldig(nogmaals)


@pytest.mark.parametrize("naam,code", [
    ("jw305_onbekend_toewijzingnummer.xml", "9019"),
    ("jw305_product_niet_toegewezen.xml", "9019"),
    ("jw305_bsn_elfproef.xml", "0001"),
    ("jw305_andere_gemeente.xml", "S300"),
    ("jw305_xsd_fout.xml", "0001"),
    ("jw307_datums_omgekeerd.xml", "0001"),
    ("jw307_stop_geldig.xml", "9069"),  # a stop without a start
    ("jw315_datums_omgekeerd.xml", "0001"),
    ("jw317_onbekende_toewijzing.xml", "9351"),
])
def test_bericht_an_invalid_message_is_rejected_with_its_code_and_nothing_applied(world, naam, code):
    t = jw_toewijzing(world)
    uitkomst = _importeer(world, naam)
    assert not uitkomst.geaccepteerd and code in uitkomst.bericht.retourcodes.split(",")
    assert f"<RetourCode>{code}</RetourCode>" in uitkomst.retour.inhoud
    _retour_geldig(uitkomst)
    t.refresh_from_db()
    assert t.gestart_op is None and t.gestopt_op is None
    assert not Regiemelding.objects.exists() and not Berichttaak.objects.exists()
    # The file is kept with its outcome and the reasons (rule ids) for the backoffice.
    assert uitkomst.bericht.inhoud == voorbeeld(naam).decode() and uitkomst.bericht.toelichting


def test_bericht_whole_or_nothing_one_bad_start_keeps_the_good_one_out(world):
    t = jw_toewijzing(world)
    inhoud = voorbeeld("jw305_start_geldig.xml")
    tweede = inhoud.split(b"<StartProduct>")[1].split(b"</StartProduct>")[0].replace(b">1001<", b">9999<")
    inhoud = inhoud.replace(b"</StartProduct>", b"</StartProduct><StartProduct>" + tweede + b"</StartProduct>", 1)
    uitkomst = _importeer(world, "twee.xml", inhoud)
    assert not uitkomst.geaccepteerd
    t.refresh_from_db()
    assert t.gestart_op is None and not Regiemelding.objects.exists()
    assert "<RetourCode>0233</RetourCode>" in uitkomst.retour.inhoud  # the good one: niet beoordeeld, send again


@pytest.mark.parametrize("naam,soort", [("jw315_verzoek_geldig.xml", BerichttaakSoort.VERZOEK_TOEWIJZING),
                                        ("wmo315_verzoek_geldig.xml", BerichttaakSoort.VERZOEK_TOEWIJZING)])
def test_bericht_a_verzoek_om_toewijzing_becomes_a_task_due_in_five_working_days(world, naam, soort):
    wmo_toewijzing(world)
    jw_toewijzing(world)
    uitkomst = _importeer(world, naam)
    assert uitkomst.geaccepteerd
    taak = Berichttaak.objects.get()
    assert taak.soort == soort and taak.referentie.startswith("VOT") and taak.persoon is not None
    assert (taak.uiterlijk_op - uitkomst.bericht.aangemaakt_op.date()).days >= 5
    # A second request for the same client while this one is open: TR374.
    tweede = voorbeeld(naam).replace(b"315-1<", b"315-9<").replace(b"VOT-", b"VOT-X-")
    assert "9374" in _importeer(world, "tweede.xml", tweede).bericht.retourcodes


def test_bericht_a_verzoek_om_wijziging_becomes_a_task_and_is_answered_with_a_319(world):
    jw_toewijzing(world)
    assert _importeer(world, "jw317_wijziging_geldig.xml").geaccepteerd
    taak = Berichttaak.objects.get(soort=BerichttaakSoort.VERZOEK_WIJZIGING)
    antwoord = berichten.verzoek_beantwoorden(actor=world.backoffice, taak=taak, verzoek_antwoord="1", reden="4")
    assert antwoord.soort == "JW319" and antwoord.status == BerichtStatus.KLAAR
    assert schemas.valideer(codes.SOORTEN["JW319"], antwoord.inhoud.encode()) == []
    assert "<ReferentieAanbieder>VOW-2026-001</ReferentieAanbieder>" in antwoord.inhoud
    taak.refresh_from_db()
    assert taak.afgehandeld_met == antwoord
    with pytest.raises(berichten.BerichtFout):
        berichten.verzoek_beantwoorden(actor=world.backoffice, taak=taak, verzoek_antwoord="1", reden="4")


def test_bericht_a_verzoek_answered_with_a_301_carries_the_referentie(world):
    t = wmo_toewijzing(world)
    assert _importeer(world, "wmo315_verzoek_geldig.xml").geaccepteerd
    taak = Berichttaak.objects.get()
    bericht = berichten.verzoek_toegewezen(actor=world.backoffice, taak=taak, toewijzing=t)
    assert "<ReferentieAanbieder>VOT-W-001</ReferentieAanbieder>" in bericht.inhoud
    assert schemas.valideer(codes.SOORTEN["WMO301"], bericht.inhoud.encode()) == []


def test_bericht_the_provider_rejecting_our_301_becomes_a_task(world):
    t = jw_toewijzing(world)
    ons = berichten.toewijzing_klaarzetten(t, actor=world.backoffice)
    assert ons is not None and ons.soort == "JW301"
    # The provider's JW302: our 301 back with a code on the product (9332: number not unique).
    inhoud = ons.inhoud.replace("jw301/schema", "jw302/schema").replace("<BerichtCode>436<", "<BerichtCode>437<")
    inhoud = inhoud.replace("</XsdVersie>", "</XsdVersie><IdentificatieRetour>R77</IdentificatieRetour>"
                            "<DagtekeningRetour>2026-11-30</DagtekeningRetour><XsdVersieRetour>"
                            "<ijw:BasisschemaXsdVersie>0.1.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>0.1.0"
                            "</ijw:BerichtXsdVersie></XsdVersieRetour><RetourCodes><RetourCode>0200</RetourCode>"
                            "</RetourCodes>", 1)
    inhoud = inhoud.replace("</Commentaar>", "</Commentaar>")
    inhoud = inhoud.replace("</Contact>", "<RetourCodes><RetourCode>0200</RetourCode></RetourCodes></Contact>")
    inhoud = inhoud.replace("</ToegewezenProduct>", "<RetourCodes><RetourCode>9332</RetourCode></RetourCodes>"
                            "</ToegewezenProduct>")
    inhoud = inhoud.replace("</ToegewezenProducten>", "</ToegewezenProducten><RetourCodes><RetourCode>0200"
                            "</RetourCode></RetourCodes>")
    assert schemas.valideer(codes.SOORTEN["JW302"], inhoud.encode()) == []
    uitkomst = _importeer(world, "jw302.xml", inhoud.encode())
    assert uitkomst.retour is None and not uitkomst.geaccepteerd
    ons.refresh_from_db()
    assert ons.status == BerichtStatus.AFGEKEURD_DOOR_AANBIEDER
    taak = Berichttaak.objects.get(soort=BerichttaakSoort.AFKEUR)
    assert "9332" in taak.omschrijving and taak.persoon == t.beschikking.persoon


@pytest.mark.parametrize("naam", ["geen_xml.xml", "onbekend_bericht.xml"])
def test_bericht_an_unreadable_file_is_refused_and_not_kept(world, naam):
    with pytest.raises(lezen.Onleesbaar):
        _importeer(world, naam)
    assert not Bericht.objects.exists()


def test_bericht_a_message_for_someone_unknown_gets_a_code_and_names_no_one(world):
    uitkomst = _importeer(world, "jw305_start_geldig.xml")
    assert "9019" in uitkomst.bericht.retourcodes and uitkomst.bericht.persoon is None
    assert uitkomst.bericht.richting == Richting.IN and uitkomst.retour.aanbieder_agb == AGB


def _als_320(ons_319: str, code: str) -> bytes:
    """The provider's JW320 on our JW319: the same message with the retour header and a code on the Antwoord."""
    inhoud = ons_319.replace("jw319/schema", "jw320/schema").replace("<BerichtCode>488<", "<BerichtCode>489<")
    inhoud = inhoud.replace("</XsdVersie>", "</XsdVersie><IdentificatieRetour>R320</IdentificatieRetour>"
                            "<DagtekeningRetour>2026-11-30</DagtekeningRetour><XsdVersieRetour>"
                            "<ijw:BasisschemaXsdVersie>0.1.0</ijw:BasisschemaXsdVersie><ijw:BerichtXsdVersie>0.1.0"
                            "</ijw:BerichtXsdVersie></XsdVersieRetour><RetourCodes><RetourCode>0200</RetourCode>"
                            "</RetourCodes>", 1)
    inhoud = inhoud.replace("</Antwoord>", f"<RetourCodes><RetourCode>{code}</RetourCode></RetourCodes></Antwoord>")
    assert schemas.valideer(codes.SOORTEN["JW320"], inhoud.encode()) == []
    return inhoud.encode()


@pytest.mark.parametrize("code,afgekeurd", [("0200", False), ("9359", True)])
def test_bericht_the_providers_320_on_our_319_is_read(world, code, afgekeurd):
    jw_toewijzing(world)
    assert _importeer(world, "jw317_wijziging_geldig.xml").geaccepteerd
    taak = Berichttaak.objects.get()
    ons = berichten.verzoek_beantwoorden(actor=world.backoffice, taak=taak, verzoek_antwoord="2")
    uitkomst = _importeer(world, "jw320.xml", _als_320(ons.inhoud, code))
    assert uitkomst.retour is None and uitkomst.geaccepteerd is not afgekeurd
    ons.refresh_from_db()
    assert uitkomst.bericht.antwoord_op == ons
    assert (ons.status == BerichtStatus.AFGEKEURD_DOOR_AANBIEDER) is afgekeurd
    assert Berichttaak.objects.filter(soort=BerichttaakSoort.AFKEUR).exists() is afgekeurd
