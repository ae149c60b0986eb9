"""eerste_rijen_van's related objects along longer paths (issue 17: each by a subquery of its own, OuterRef as deep
as it lies): a reverse one-to-one inside a path, and after it, are the objects select_related reads, and an empty
step leaves everything after it empty."""

from wijkregie.core.querying import eerste_rijen_van
from wijkregie.testing import make_persoon
from wijkregie.toegang.models import Aanmelding, Toedeling, Triage


def test_a_reverse_one_to_one_inside_a_path_and_after_it(world):
    persoon = make_persoon(world, "Pad", "Lengte")
    met = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Met triage", persoon=persoon)
    zonder = Aanmelding.objects.create(gemeente=world.den_helder, kanaal="balie", vraag="Zonder triage")
    Triage.objects.create(gemeente=world.den_helder, aanmelding=met, urgentie="normaal", veiligheid="nee",
                          aard="enkelvoudig", uitkomst="team", door=world.bureaudienst)
    for aanmelding in (met, zonder):
        Toedeling.objects.create(gemeente=world.den_helder, aanmelding=aanmelding, team=world.team_noord,
                                 door=world.collega)
    qs = Toedeling.objects.filter(aanmelding__in=[met, zonder]).order_by("pk")
    paden = ("aanmelding", "aanmelding__persoon", "aanmelding__triage", "aanmelding__triage__door")
    rijen = {t.aanmelding_id: t for t in eerste_rijen_van({"t": (qs, 10, None, paden, None)})["t"]}

    assert rijen[met.pk].aanmelding.vraag == "Met triage"
    assert rijen[met.pk].aanmelding.persoon.achternaam == "Lengte"
    assert rijen[met.pk].aanmelding.triage.urgentie == "normaal"
    assert rijen[met.pk].aanmelding.triage.door.username == world.bureaudienst.username
    assert rijen[zonder.pk].aanmelding.persoon is None
    assert not hasattr(rijen[zonder.pk].aanmelding, "triage")  # an absent reverse one-to-one, known as absent
