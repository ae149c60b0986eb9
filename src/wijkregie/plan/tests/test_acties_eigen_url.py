"""Every action of the plan, vraagverheldering and veiligheid pages has a URL of its own (issue 18). Someone
without a need to know (another team's colleague, another gemeente's medewerker) gets 404 from each, as for
the page: nothing says the file exists, nothing changes, and each refusal is audited under the resident. Who
works in the file and types something wrong gets the page again, with the error and what was typed, and
that page's read is audited like the page's own."""

import pytest

from wijkregie.core.models import AuditEvent
from wijkregie.plan.models import (
    Arrangementregel,
    Consult,
    Doel,
    MeldcodeStap,
    Ondersteuningsplan,
    Veiligheidsanalyse,
    ZrmScore,
)
from wijkregie.testing import login


def _acties(plan) -> list[str]:
    casus, doel, regel = plan.casus, plan.doelen.get(), plan.regels.get()
    versie = f"/casussen/{casus.pk}/plan/{plan.versie}/"
    return [versie + pad for pad in ("onderbouwing/", "doelen/", f"doelen/{doel.pk}/verwijderen/", "afspraken/",
                                     f"afspraken/{regel.pk}/verwijderen/", "ondertekenen/", "ter-ondertekening/",
                                     "nieuwe-versie/")] + [
        f"/casussen/{casus.pk}/{pad}" for pad in ("vraagverheldering/zrm/", "vraagverheldering/consult/",
                                                   "veiligheid/analyse/", "veiligheid/meldcode/")]


def _stand() -> tuple:
    return tuple(m.objects.count() for m in (Ondersteuningsplan, Doel, Arrangementregel, ZrmScore, Consult,
                                             Veiligheidsanalyse, MeldcodeStap))


@pytest.mark.parametrize("wie", ["buitenstaander", "andere_teamlid"])
def test_someone_without_a_need_to_know_gets_nothing_from_any_action(client, world, getekend, wie):
    user, casus = getattr(world, wie), getekend.casus
    acties, voor = _acties(getekend), _stand()
    login(client, user)
    for url in acties:
        response = client.post(url, {"doel-omschrijving": "Iets", "regel-soort": "eigen_kracht", "consult-vraag": "?"})
        assert response.status_code == 404, url
        assert "Jansen" not in response.content.decode(), url
    assert _stand() == voor
    geweigerd = AuditEvent.objects.filter(actor_id=user.pk, resultaat="geweigerd", object_type="casus.casus",
                                          object_id=str(casus.pk), client_id=casus.hoofdpersoon_id)
    assert geweigerd.count() == len(acties)


def test_an_action_with_an_error_shows_the_page_again_with_what_was_typed_and_audits_its_read(client, world, casus):
    from wijkregie.plan import services

    plan = services.plan_create(actor=world.medewerker, casus=casus)
    login(client, world.medewerker)
    response = client.post(
        f"/casussen/{casus.pk}/plan/{plan.versie}/doelen/", {"doel-omschrijving": "Zelf de post doen"}
    )
    content = response.content.decode()
    assert response.status_code == 200 and "Zelf de post doen</textarea>" in content
    assert not Doel.objects.exists()
    assert (
        AuditEvent.objects.filter(
            actor_id=world.medewerker.pk,
            actie="R",
            object_type="casus.casus",
            client_id=casus.hoofdpersoon_id,
            omschrijving="plan versie 1 ingezien",
        ).count()
        == 1
    )


def test_the_page_itself_takes_no_post(client, world, getekend):
    login(client, world.medewerker)
    casus = getekend.casus
    for pad in ("plan/", f"plan/{getekend.versie}/", "vraagverheldering/", "veiligheid/"):
        assert client.post(f"/casussen/{casus.pk}/{pad}", {"actie": "nieuwe_versie"}).status_code == 405, pad
    assert Ondersteuningsplan.objects.count() == 1
