"""eerste_rijen_van makes its instances without Model.__init__ where nothing depends on it (core.querying
._instantie): each is what a queryset reading the same fields makes, down to its values, its state and its
deferred fields; a model with a pre_init or post_init receiver (an aanmelding) is still made by from_db, so its
receivers run."""

import pytest
from django.db.models.signals import post_init

from wijkregie.casus.models import Casus
from wijkregie.core.querying import eerste_rijen_van
from wijkregie.testing import make_persoon
from wijkregie.toegang.models import Aanmelding


def _zoals_gelezen(obj) -> dict:
    return {k: v for k, v in obj.__dict__.items() if k != "_state" and not k.startswith("_")}


@pytest.mark.parametrize("velden", [None, ("status", "team", "geopend_op")])
def test_an_instance_is_what_the_queryset_makes(world, velden):
    casus = Casus.objects.get(hoofdpersoon=make_persoon(world, "Anna", "Instantie", team=world.team_noord,
                                                        regisseur=world.medewerker))
    qs = Casus.objects.filter(pk=casus.pk).order_by()
    gelezen = eerste_rijen_van({"c": (qs, 1, velden)})["c"][0]
    verwacht = (qs if velden is None else qs.only(*velden)).get()
    assert type(gelezen) is Casus and gelezen == verwacht
    assert _zoals_gelezen(gelezen) == _zoals_gelezen(verwacht)
    assert gelezen.get_deferred_fields() == verwacht.get_deferred_fields()
    assert (gelezen._state.adding, gelezen._state.db) == (False, verwacht._state.db)
    # A field not read is loaded when asked, as from a queryset with only().
    assert gelezen.huishouden_id == casus.huishouden_id


def test_a_model_with_a_post_init_receiver_still_gets_it(world):
    persoon = make_persoon(world, "Bert", "Signaal", team=world.team_noord)
    Aanmelding.objects.create(gemeente=world.den_helder, persoon=persoon, team=world.team_noord, vraag="Hulp",
                              kanaal="telefoon", geregistreerd_door=world.medewerker)
    gezien = []

    def ontvanger(sender, instance, **kwargs):
        gezien.append(instance)

    post_init.connect(ontvanger, sender=Casus, weak=False, dispatch_uid="test.instanties")
    try:
        casus = eerste_rijen_van({"c": (Casus.objects.order_by("pk"), 1, None)})["c"][0]
        aanmelding = eerste_rijen_van({"a": (Aanmelding.objects.order_by("pk"), 1, None)})["a"][0]
    finally:
        post_init.disconnect(dispatch_uid="test.instanties", sender=Casus)
    assert gezien == [casus]
    assert aanmelding.vraag == "Hulp"
