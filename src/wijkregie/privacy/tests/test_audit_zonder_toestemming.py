"""The privacy officer finds the shares made without consent on a legal ground, and refused attempts."""

import pytest
from django.core.exceptions import ValidationError

from wijkregie.casus.models import Casus
from wijkregie.inwoners.models import Lidmaatschap
from wijkregie.regie.models import Betrokkene, Schaling
from wijkregie.regie.services import betrokkene_add, casus_scale
from wijkregie.testing import login, make_persoon


def test_the_audit_search_filters_shares_on_a_legal_ground_and_refusals(client, world):
    persoon = make_persoon(world, "Anouk", "Visser", team=world.team_noord, regisseur=world.medewerker)
    casus = Casus.objects.get(huishouden=Lidmaatschap.objects.get(persoon=persoon).huishouden)
    casus_scale(actor=world.medewerker, casus=casus, schaling=Schaling(
        richting="op", naar="veilig_thuis", organisatie=world.wering, reden="Zorgen over de veiligheid"))
    with pytest.raises(ValidationError):  # no consent to share with this organisation
        betrokkene_add(actor=world.medewerker, casus=casus,
                             betrokkene=Betrokkene(organisatie=world.gemeente_org, naam="Consulent"))
    login(client, world.privacyfunctionaris)
    client.post("/audit/", {"bijzonder": "wettelijk"})
    page = client.get("/audit/?gezocht=1").content.decode()
    assert "wettelijke grondslag: veiligheid" in page and "geen toestemming" not in page
    client.post("/audit/", {"bijzonder": "geweigerd"})
    page = client.get("/audit/?gezocht=1").content.decode()
    assert "geen toestemming" in page and "wettelijke grondslag: veiligheid" not in page
