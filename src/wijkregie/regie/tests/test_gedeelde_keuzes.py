"""A form's choices read once for the page (issue 17, core.forms.keuzes_uit): the field is drawn exactly
as from its own queryset, and a posted choice outside that queryset is still refused."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkregie.core.forms import keuzes_uit
from wijkregie.organisatie.models import Organisatie
from wijkregie.regie.forms import BetrokkeneForm


def test_it_draws_the_field_as_its_queryset_would(world):
    eigen = BetrokkeneForm(prefix="betr", gemeente=world.den_helder)
    gedeeld = BetrokkeneForm(prefix="betr", gemeente=world.den_helder)
    organisaties = list(gedeeld.fields["organisatie"].queryset)
    assert organisaties
    keuzes_uit(gedeeld.fields["organisatie"], organisaties)
    with CaptureQueriesContext(connection) as ctx:
        html = str(gedeeld["organisatie"])
    assert html == str(eigen["organisatie"])
    assert not ctx.captured_queries


def test_it_still_refuses_a_choice_outside_the_queryset(world):
    elders = Organisatie.objects.create(gemeente=world.voorbeeld, naam="Elders")
    form = BetrokkeneForm({"betr-naam": "Iemand", "betr-organisatie": str(elders.pk)}, prefix="betr",
                          gemeente=world.den_helder)
    keuzes_uit(form.fields["organisatie"], [*form.fields["organisatie"].queryset, elders])
    assert not form.is_valid()
    assert "organisatie" in form.errors
