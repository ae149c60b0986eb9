"""get_FOO_display on municipal data (core.models.GemeenteModel) reads the field's choices from a dict made once
per process (issue 17: Django rebuilds it on every call), and still says the label in the active language and
an unknown stored value as itself."""

from django.utils import timezone, translation

from wijkregie.casus.models import Casus
from wijkregie.regie.models import Contactmoment
from wijkregie.testing import make_persoon


def test_the_label_follows_the_language_of_each_call_and_an_unknown_value_shows_itself(world):
    casus = Casus.objects.get(hoofdpersoon=make_persoon(world, "Keuze", "Label", team=world.team_noord))
    contact = Contactmoment.objects.create(gemeente=world.den_helder, casus=casus, soort="telefoon",
                                           met_wie="Inwoner", op=timezone.now())
    with translation.override("nl"):
        assert contact.get_soort_display() == "Telefoon"
    with translation.override("en"):
        assert contact.get_soort_display() == "Phone"
    with translation.override("nl"):
        assert contact.get_soort_display() == "Telefoon"
    contact.soort = "postduif"  # a value from before a choice was dropped
    assert contact.get_soort_display() == "postduif"
    contact.soort = "video"
    assert contact.get_soort_display() == "Videobellen"
