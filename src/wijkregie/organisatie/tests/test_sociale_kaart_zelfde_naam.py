"""Two organisations offering a provision of the same name (wijkverpleging) are told apart on the sociale
kaart and in every choice list (issue 13, fault 7: "Wijkverpleging" twice)."""

from wijkregie.inwoners.models import Persoon
from wijkregie.organisatie.models import Organisatie, OrganisatieSoort, Toegankelijkheid, Voorziening
from wijkregie.plan.forms import RegelForm
from wijkregie.testing import login
from wijkregie.toegang.forms import AanmeldingForm


def _twee(world):
    for naam in ("Vrijwaard", "Omring"):
        org = Organisatie.objects.create(gemeente=world.den_helder, naam=naam, soort=OrganisatieSoort.ZORG)
        Voorziening.objects.create(gemeente=world.den_helder, organisatie=org, naam="Wijkverpleging",
                                   omschrijving="Verpleging en verzorging thuis.", toegang=Toegankelijkheid.VRIJ)


def test_the_list_names_the_organisation_with_the_provision(client, world):
    _twee(world)
    login(client, world.medewerker)
    content = client.get("/sociale-kaart/", {"q": "wijkverpleging"}).content.decode()
    assert "2 voorzieningen gevonden" in content
    omring, vrijwaard = content.index("door Omring"), content.index("door Vrijwaard")
    assert omring < vrijwaard  # same name: side by side, by organisation
    assert content.count('<th scope="row">') == 2


def test_the_choice_lists_tell_them_apart(world):
    _twee(world)
    for form in (RegelForm(gemeente=world.den_helder),
                 AanmeldingForm(personen=Persoon.objects.none(), gemeente=world.den_helder)):
        html = str(form["voorziening"])
        assert "Wijkverpleging (Omring)" in html and "Wijkverpleging (Vrijwaard)" in html
        assert ">Wijkverpleging<" not in html
