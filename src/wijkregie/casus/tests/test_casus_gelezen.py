"""A page that only reads a casus gets it from one kept statement (casus.selectors.casus_gelezen): the casus the
visible queryset gives, every field and its team, household, hoofdpersoon and medewerker alike, for every persona
and kind of data; a casus the user may not see is a 404 with the refusal audited, as get_visible_or_404 does."""

import pytest
from django.forms.models import model_to_dict
from django.http import Http404

from wijkregie.casus.models import Casus
from wijkregie.casus.selectors import CASUS_MET, casus_gelezen, casus_zichtbaar
from wijkregie.core.models import AuditEvent
from wijkregie.organisatie.toegangsbeleid import Gegevens
from wijkregie.testing import make_persoon

PERSONAS = ("medewerker", "collega", "bureaudienst", "gedragswetenschapper", "backoffice", "beleidsmedewerker",
            "buitenstaander")


def _alles(casus):
    """Every field of the casus and of its related objects, as the page could read them."""
    velden = {f.attname: getattr(casus, f.attname) for f in Casus._meta.concrete_fields}
    return velden, {naam: None if getattr(casus, naam) is None else model_to_dict(getattr(casus, naam))
                    for naam in CASUS_MET}


@pytest.fixture
def casussen(world):
    met = make_persoon(world, "Anna", "Met", team=world.team_noord, regisseur=world.medewerker)
    zonder = make_persoon(world, "Bert", "Zonder", team=world.team_noord, toestemming=False)
    elders = make_persoon(world, "Cor", "Elders", team=world.team_dorp, gemeente=world.voorbeeld)
    casussen = [Casus.objects.get(hoofdpersoon=p) for p in (met, zonder, elders)]
    Casus.objects.filter(pk=casussen[1].pk).update(medewerker=None)  # a related object that is absent
    return casussen


def test_it_reads_what_the_visible_queryset_reads(world, casussen):
    getoond = verborgen = 0
    for persona in PERSONAS:
        user = getattr(world, persona)
        for casus in casussen:
            for soort in (Gegevens.PLAN, Gegevens.CONTACTMOMENTEN, Gegevens.IDENTITEIT):
                verwacht = casus_zichtbaar(user, casus.pk, soort).filter(pk=casus.pk).first()
                if verwacht is None:
                    verborgen += 1
                    with pytest.raises(Http404):
                        casus_gelezen(user, casus.pk, soort)
                    continue
                getoond += 1
                assert _alles(casus_gelezen(user, casus.pk, soort)) == _alles(verwacht), (persona, casus, soort)
    assert getoond and verborgen


def test_a_refusal_is_audited(world, casussen):
    elders = casussen[2]
    voor = AuditEvent.objects.filter(resultaat="geweigerd").count()
    with pytest.raises(Http404):
        casus_gelezen(world.medewerker, elders.pk)
    assert AuditEvent.objects.filter(resultaat="geweigerd").count() == voor + 1


@pytest.mark.parametrize("sleutel", ["x", " 1", "\u0663", "-1", "9" * 30])
def test_a_text_that_is_not_a_key_is_a_404(world, casussen, sleutel):
    with pytest.raises(Http404):
        casus_gelezen(world.medewerker, sleutel)
