"""Every action of the regie page has a URL of its own (issue 18). Someone without a need to know (another
team's colleague, another gemeente's medewerker) gets 404 from each, as for the page: nothing changes and each
refusal is audited under the resident. Who works in the file and types something wrong gets the page again,
with the error at its field and the form open, and that page's read is audited like the page's own."""

import pytest

from wijkregie.core.models import AuditEvent
from wijkregie.regie.models import Afsluiting, Betrokkene, Contactmoment, Regie, Schaling
from wijkregie.testing import login

ACTIES = ("overdragen/", "betrokkenen/", "contactmomenten/", "schalen/", "afsluiten/", "heropenen/")


def _stand() -> tuple:
    return tuple(m.objects.count() for m in (Regie, Betrokkene, Contactmoment, Schaling, Afsluiting))


@pytest.mark.parametrize("wie", ["buitenstaander", "andere_teamlid"])
def test_someone_without_a_need_to_know_gets_nothing_from_any_action(client, world, getekend, wie):
    user, casus = getattr(world, wie), getekend.casus
    voor, status = _stand(), casus.status
    login(client, user)
    for pad in ACTIES:
        response = client.post(
            f"/casussen/{casus.pk}/regie/{pad}",
            {"afsluiten-reden": "01", "heropenen-reden": "x", "contact-soort": "telefoon", "contact-met_wie": "x"},
        )
        assert response.status_code == 404, pad
        assert "Jansen" not in response.content.decode(), pad
    casus.refresh_from_db()
    assert _stand() == voor and casus.status == status
    geweigerd = AuditEvent.objects.filter(actor_id=user.pk, resultaat="geweigerd", object_type="casus.casus",
                                          object_id=str(casus.pk), client_id=casus.hoofdpersoon_id)
    assert geweigerd.count() == len(ACTIES)


def test_an_action_with_an_error_shows_the_page_again_with_the_error_and_audits_its_read(client, world, getekend):
    casus = getekend.casus
    login(client, world.medewerker)
    response = client.post(f"/casussen/{casus.pk}/regie/afsluiten/", {"afsluiten-toelichting": "Het gaat weer"})
    content = response.content.decode()
    assert response.status_code == 200 and "Het gaat weer</textarea>" in content
    assert 'id="id_afsluiten-reden_error"' in content and '<details class="wr-details" open>' in content
    casus.refresh_from_db()
    assert casus.status != "afgesloten" and not Afsluiting.objects.exists()
    assert AuditEvent.objects.filter(actor_id=world.medewerker.pk, actie="R", object_type="casus.casus",
                                     client_id=casus.hoofdpersoon_id, omschrijving="regie ingezien").count() == 1


def test_the_page_itself_takes_no_post(client, world, getekend):
    login(client, world.medewerker)
    response = client.post(f"/casussen/{getekend.casus_id}/regie/", {"actie": "afsluiten", "afsluiten-reden": "01"})
    assert response.status_code == 405 and not Afsluiting.objects.exists()
