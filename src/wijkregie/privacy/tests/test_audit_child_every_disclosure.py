"""Done when (issue 11): the privacy officer searching a child's BSN sees every disclosure of that child,
list views and searches included, each with the role it happened in."""

from django.test import Client

from wijkregie.casus.models import Casus
from wijkregie.core.models import AuditEvent
from wijkregie.testing import login, make_persoon
from wijkregie.toegang.models import Aanmelding

BSN_LOTTE = "999993653"


def test_every_disclosure_of_a_child_is_found_by_her_bsn(world):
    lotte = make_persoon(world, "Lotte", "de Boer", bsn=BSN_LOTTE, geboortedatum="2014-05-01")
    huishouden = lotte.lidmaatschappen.first().huishouden
    aanmelding = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Zorgen over Lotte",
                                           persoon=lotte, huishouden=huishouden, status="bureaudienst",
                                           geregistreerd_door=world.kcc)
    kcc, bureaudienst, medewerker, privacy = Client(), Client(), Client(), Client()
    login(kcc, world.kcc)
    login(bureaudienst, world.bureaudienst)
    login(medewerker, world.medewerker)
    login(privacy, world.privacyfunctionaris)

    assert "Lotte de Boer" in kcc.post("/personen/", {"q": "lotte de boer"}).content.decode()      # search
    assert "Lotte de Boer" in bureaudienst.get("/bureaudienst/").content.decode()                   # queue (list)
    assert bureaudienst.get(f"/aanmeldingen/{aanmelding.pk}/").status_code == 200                   # aanmelding
    bureaudienst.post(f"/aanmeldingen/{aanmelding.pk}/toedelen/", {"team": world.team_noord.pk,
                                                                   "medewerker": world.medewerker.pk})
    casus = Casus.objects.get(hoofdpersoon=lotte)
    assert "Lotte de Boer" in medewerker.get("/").content.decode()                                  # werkvoorraad
    assert "Lotte de Boer" in medewerker.get("/casussen/").content.decode()                         # casus list
    assert medewerker.get(f"/casussen/{casus.pk}/").status_code == 200                              # casus page
    assert medewerker.get(f"/personen/{lotte.pk}/bewerken/").status_code == 200                     # edit form
    assert medewerker.get(f"/personen/{lotte.pk}/toestemming/").status_code == 200                  # consent form
    assert "Lotte de Boer" in medewerker.post("/personen/", {"q": BSN_LOTTE}).content.decode()      # BSN search
    # A colleague without need to know is refused, and the refusal is on her trail too.
    collega = Client()
    login(collega, world.andere_teamlid)
    assert collega.get(f"/casussen/{casus.pk}/").status_code == 404

    verwacht = {
        (world.kcc.pk, "zoekresultaat: identiteit"),
        (world.bureaudienst.pk, "wachtrij bureaudienst: vraag, triage"),
        (world.bureaudienst.pk, "aanmelding ingezien: identiteit, vraag, triage en veiligheid"),
        (world.medewerker.pk, "werkvoorraad: identiteit"),
        (world.medewerker.pk, "casuslijst: identiteit, fase"),
        (world.medewerker.pk, "casus ingezien"),
        (world.medewerker.pk, "wijzigformulier: identiteit, contact"),
        (world.medewerker.pk, "toestemmingsformulier: identiteit"),
    }
    events = list(AuditEvent.objects.filter(client_id=lotte.pk))
    gevonden = {(e.actor_id, e.omschrijving) for e in events}
    assert verwacht <= gevonden, verwacht - gevonden
    assert all(e.rol for e in events), "every event names the role it happened in"
    assert any(e.actor_id == world.andere_teamlid.pk and e.resultaat == "geweigerd" for e in events)

    # The privacy officer searches by BSN (posted: the BSN never enters a URL) and sees all of them.
    response = privacy.post("/audit/", {"inwoner": BSN_LOTTE}, follow=True)
    assert BSN_LOTTE not in response.redirect_chain[-1][0]
    getoond = {(r["event"].actor_id, r["event"].omschrijving) for r in response.context["rijen"]}
    assert verwacht <= getoond, verwacht - getoond
    assert "Lotte de Boer" in response.content.decode()


def test_a_page_of_the_casus_names_the_ground_it_rests_on(client, world, casus):
    from wijkregie.casus.models import Toestemming

    login(client, world.medewerker)  # the allocated medewerker: a treatment relationship
    client.get(f"/casussen/{casus.pk}/")
    Toestemming.objects.create(gemeente=world.den_helder, persoon=casus.hoofdpersoon, scope="team")
    login(client, world.collega)  # a colleague, on the household's consent
    client.get(f"/casussen/{casus.pk}/")
    gronden = dict(AuditEvent.objects.filter(object_type="casus.casus", omschrijving="casus ingezien")
                   .values_list("actor_id", "grondslag"))
    assert gronden[world.medewerker.pk].startswith("behandelrelatie")
    assert gronden[world.collega.pk] == "toestemming: bespreken in het wijkteam"
