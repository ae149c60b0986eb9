"""A household's history: a closed casus (opened and closed through the route, closing date from the sheet)
beside its open one; a second question of the household joins the open casus (one household, one casus);
a row with only a goal adds a goal for the whole household; a question without a team waits at the
bureaudienst without a casus."""

import datetime

from wijkregie.casus.models import Casus, Status
from wijkregie.inwoners.models import Persoon
from wijkregie.overstap.services import caseload_import
from wijkregie.plan.models import Doel
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus

from .blad import KOPPEN, als_csv

KOLOMMEN = KOPPEN + ["Datum afgesloten", "Kanaal"]


def test_it_imports_closed_casussen_and_more_questions_per_household(world):
    rijen = [
        {
            "Huishouden": "A",
            "Relatie": "hoofd",
            "Voornamen": "Els",
            "Achternaam": "Historie",
            "Geboortedatum": "1970-01-01",
            "Hulpvraag": "Oude vraag",
            "Datum aanmelding": "2014-07-01",
            "Medewerker": "medewerker",
            "Status": "afgesloten",
            "Datum afgesloten": "2014-12-01",
            "Kanaal": "e-mail",
        },
        {
            "Huishouden": "A",
            "Relatie": "partner",
            "Voornamen": "Rob",
            "Achternaam": "Historie",
            "Geboortedatum": "1969-05-05",
            "Hulpvraag": "Nieuwe vraag",
            "Datum aanmelding": "2015-03-01",
            "Medewerker": "medewerker",
            "Status": "plan",
            "Leefgebied": "Huisvesting",
            "Doel": "Een betaalbaar huis",
        },
        {
            "Huishouden": "A",
            "Relatie": "kind",
            "Voornamen": "Mila",
            "Achternaam": "Historie",
            "Geboortedatum": "2012-02-02",
            "Hulpvraag": "Vraag over school",
            "Datum aanmelding": "2015-04-01",
            "Medewerker": "medewerker",
            "Status": "plan",
        },
        {"Huishouden": "A", "Leefgebied": "Financiën", "Doel": "Samen een budget maken"},
        {
            "Voornamen": "Wacht",
            "Achternaam": "Opteam",
            "Geboortedatum": "1980-08-08",
            "Hulpvraag": "Nog niet toegedeeld",
            "Datum aanmelding": "2015-05-01",
        },
    ]
    rijen[4]["Postcode"] = "9999 ZZ"  # a postcode of no wijk of Den Helder: no team to be found

    rapport = caseload_import(actor=world.beheerder, data=als_csv(rijen, KOLOMMEN))

    assert rapport.toegepast, rapport.meldingen
    els, rob = Persoon.objects.get(voornamen="Els"), Persoon.objects.get(voornamen="Rob")
    gesloten = Casus.objects.get(hoofdpersoon=els)
    assert gesloten.status == Status.AFGESLOTEN and gesloten.afgesloten_op.date() == datetime.date(2014, 12, 1)
    assert list(gesloten.overgangen.values_list("naar", flat=True)) == ["vraagverheldering", "afgesloten"]
    open_ = Casus.objects.get(hoofdpersoon=rob)
    assert open_.status == Status.PLAN and open_.huishouden_id == gesloten.huishouden_id
    assert set(Aanmelding.objects.filter(casus=open_).values_list("vraag", flat=True)) == {
        "Nieuwe vraag",
        "Vraag over school",
    }
    assert Aanmelding.objects.get(persoon=els).kanaal == "email"
    doelen = {d.omschrijving: d.persoon_id for d in Doel.objects.filter(plan__casus=open_)}
    assert doelen == {"Een betaalbaar huis": rob.pk, "Samen een budget maken": None}
    wacht = Aanmelding.objects.get(persoon__voornamen="Wacht")
    assert wacht.status == AanmeldingStatus.BUREAUDIENST and wacht.casus_id is None
    assert Casus.objects.count() == 2
