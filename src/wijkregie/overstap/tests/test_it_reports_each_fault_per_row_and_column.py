"""The dry run names, per row and column in Dutch, each fault of the issue: the elfproef, an unknown team or
medewerker, dates out of order, a duplicate person (in the file or already in wijkregie; same BSN, or same
name and birth date), a second open casus for a household. The report holds no resident's name or BSN."""

from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Persoon
from wijkregie.overstap.services import caseload_check
from wijkregie.testing import make_persoon

from .blad import als_csv, huishoudens


def _meldingen(world, rijen):
    rapport = caseload_check(actor=world.beheerder, data=als_csv(rijen))
    return rapport, {(m.rij, m.kolom): m.tekst for m in rapport.meldingen}


def test_it_reports_each_fault_per_row_and_column(world):
    bestaand = make_persoon(world, "Bestaande", "Inwoner", bsn="999993653", geboortedatum="1990-02-02")
    rijen = huishoudens(11)
    rijen[0]["BSN"] = "999999991"                         # row 2: elfproef
    rijen[2]["Team"] = "Team Oost"                        # row 4: unknown team
    rijen[4]["Medewerker"] = "J. Onbekend"                # row 6: unknown medewerker
    rijen[6]["Medewerker"] = "zuid"                       # row 8: not in Team Noord
    rijen[8]["Datum aanmelding"] = "01-01-1960"           # row 10: before the birth date
    rijen[10]["Geboortedatum"] = "01-01-2090"             # row 12: in the future
    rijen[12]["BSN"] = rijen[14]["BSN"]                   # row 14 and 16: the same BSN twice
    rijen[16]["BSN"] = bestaand.bsn                       # row 18: already in wijkregie
    rijen[18].update(Voornamen="Bestaande", Achternaam="Inwoner", Geboortedatum="02-02-1990", BSN="")  # row 20
    # Row 24: a second question in household H0 with another medewerker: a second open casus.
    rijen.append({**rijen[1], "Voornamen": "Tweede", "Geboortedatum": "01-01-1972", "BSN": "",
                  "Relatie": "partner", "Hulpvraag": "Nog een vraag", "Datum aanmelding": "01-10-2014",
                  "Team": "Team Noord", "Medewerker": "collega", "Status": "plan"})
    rijen[20]["Datum aanmelding"] = "31-02-2014"          # row 22: no such date

    rapport, m = _meldingen(world, rijen)

    assert "elfproef" in m[(2, "BSN")]
    assert "Team ‘Team Oost’ bestaat niet" in m[(4, "Team")]
    assert "niet gevonden" in m[(6, "Medewerker")]
    assert "geen lid van Team Noord" in m[(8, "Medewerker")]
    assert "voor de geboortedatum" in m[(10, "Datum aanmelding")]
    assert "toekomst" in m[(12, "Geboortedatum")]
    assert "ook in rij 14" in m[(16, "BSN")] or "ook in rij 16" in m[(14, "BSN")]
    assert "al in wijkregie" in m[(18, "BSN")]
    assert "al in wijkregie" in m[(20, "Achternaam")]
    assert "één huishouden, één casus" in m[(24, "Huishouden")]
    assert "Geen datum" in m[(22, "Datum aanmelding")]
    assert len(rapport.meldingen) == 11, "\n".join(f"{x.rij} {x.kolom} {x.tekst}" for x in rapport.meldingen)
    tekst = " ".join(f"{x.kolom} {x.tekst}" for x in rapport.meldingen)
    assert "Overstap" not in tekst and rijen[14]["BSN"] not in tekst and "Bestaande" not in tekst
    assert Persoon.objects.count() == 1
    # Saying "already in wijkregie" discloses that the resident is known: audited for that resident.
    assert (
        AuditEvent.objects.filter(client_id=bestaand.pk, actor_id=world.beheerder.pk, grondslag="overstap").count() == 1
    )


def test_it_reports_a_household_whose_relations_contradict_the_birth_dates(world):
    rijen = huishoudens(1)
    rijen[1]["Geboortedatum"] = "01-01-1950"  # the child is older than its parent with gezag
    rijen.append({"Huishouden": "H0", "Relatie": "kind", "Gezag": "ja", "Voornamen": "Derde",
                  "Achternaam": "Overstap0000", "Geboortedatum": ""})
    _rapport, m = _meldingen(world, rijen)
    assert "Een kind kan niet ouder zijn dan een ouder" in m[(3, "Relatie")]
    assert "geboortedatum van het kind" in m[(4, "Geboortedatum")]
    assert "geen gezag" in m[(4, "Gezag")]
