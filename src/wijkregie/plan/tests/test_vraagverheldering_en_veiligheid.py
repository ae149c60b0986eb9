import datetime

from wijkregie.plan.models import Consult
from wijkregie.testing import login


def test_a_consult_is_a_task_for_the_specialist_whose_advice_lands_in_the_casus(client, world, casus):
    login(client, world.medewerker)
    client.post(f"/casussen/{casus.pk}/vraagverheldering/consult/", {"consult-aan": world.gedragswetenschapper.pk,
                                                             "consult-vraag": "Hoe pakken we de opvoeding aan?"})
    consult = Consult.objects.get()
    login(client, world.gedragswetenschapper)
    assert "Hoe pakken we" in client.get("/consulten/").content.decode()
    client.post(f"/consulten/{consult.pk}/", {"advies": "Start met een gezinscoach."})
    login(client, world.medewerker)
    assert "Start met een gezinscoach." in client.get(f"/casussen/{casus.pk}/").content.decode()


def test_doubt_in_the_safety_analysis_asks_the_gedragswetenschapper(client, world, casus):
    login(client, world.medewerker)
    data = {"va-toelichting": "Spanning tussen ouders"}
    data.update({f"va-{code}": "nee" for code in ("geweld", "kinderen", "zelf", "ouderen", "wapens_middelen")})
    data["va-kinderen"] = "twijfel"
    client.post(f"/casussen/{casus.pk}/veiligheid/analyse/", data)
    consult = Consult.objects.get()
    assert consult.gevraagd_aan == world.gedragswetenschapper and consult.over_veiligheid
    # The gedragswetenschapper (team Zuid) now sees the safety information of this casus; nobody else outside.
    login(client, world.gedragswetenschapper)
    assert client.get(f"/casussen/{casus.pk}/veiligheid/").status_code == 200
    for user in (world.andere_teamlid, world.bureaudienst, world.buitenstaander):
        login(client, user)
        assert client.get(f"/casussen/{casus.pk}/veiligheid/").status_code == 404


def test_every_safety_question_must_be_answered_and_meldcode_step_four_weighs_all(client, world, casus):
    login(client, world.medewerker)
    content = client.post(f"/casussen/{casus.pk}/veiligheid/analyse/", {}).content.decode()
    assert content.count("Beantwoord deze vraag.") >= 5
    content = client.post(f"/casussen/{casus.pk}/veiligheid/meldcode/", {"mc-stap": 4, "mc-verslag": "Gewogen",
                                                                "mc-kader_vermoeden": "ja"}).content.decode()
    assert "Beantwoord bij stap 4 alle vragen van het afwegingskader." in content
    vandaag = datetime.date.today().isoformat()
    content = client.post(f"/casussen/{casus.pk}/veiligheid/meldcode/", {"mc-stap": 1, "mc-verslag": "Signalen",
                                                                "mc-melding_veilig_thuis_op": vandaag}).content.decode()
    assert "Een melding bij Veilig Thuis hoort bij stap 5" in content
    content = client.post(
        f"/casussen/{casus.pk}/veiligheid/meldcode/", {"mc-stap": 5, "mc-verslag": "Besluit"}
    ).content.decode()
    assert "Leg eerst stap 4" in content
    kader = {
        f"mc-kader_{k}": "ja" for k in ("vermoeden", "acuut_structureel", "hulp_bieden", "geaccepteerd", "resultaat")
    }
    assert (
        client.post(
            f"/casussen/{casus.pk}/veiligheid/meldcode/", {"mc-stap": 4, "mc-verslag": "Gewogen", **kader}
        ).status_code
        == 302
    )
    content = client.post(
        f"/casussen/{casus.pk}/veiligheid/meldcode/", {"mc-stap": 5, "mc-verslag": "Besluit"}
    ).content.decode()
    assert "Bij acute of structurele onveiligheid is melden bij Veilig Thuis verplicht." in content
    data = {"mc-stap": 5, "mc-verslag": "Gemeld", "mc-melding_veilig_thuis_op": vandaag,
            "mc-referentie_veilig_thuis": "VT-2026-0042"}
    assert client.post(f"/casussen/{casus.pk}/veiligheid/meldcode/", data).status_code == 302
    assert "VT-2026-0042" in client.get(f"/casussen/{casus.pk}/veiligheid/").content.decode()
