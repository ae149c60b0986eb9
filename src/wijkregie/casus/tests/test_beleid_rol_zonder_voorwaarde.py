"""A role that sees every casus of its gemeente at some stages (bureaudienst, backoffice) gets exactly what the
table gives it, also when the same person has a second relation with the same stages (a bureaudienst member is
also a medewerker of a team). Django drops an empty Q() from an OR: the roles' "every casus" once vanished into
the team's condition, and team Noord's files were hidden from team Zuid's bureaudienst where the table shows them."""

from wijkregie.casus.models import Casus, Status
from wijkregie.casus.selectors import casus_toont, casussen_visible_to, statussen_in
from wijkregie.organisatie.toegangsbeleid import Betrekking, Gegevens, stadia_voor
from wijkregie.testing import make_persoon


def test_the_bureaudienst_of_team_zuid_sees_team_noords_files_as_the_table_says(world):
    persoon = make_persoon(world, "Noor", "Noordeling", team=world.team_noord, regisseur=world.medewerker)
    casus = Casus.objects.get(hoofdpersoon=persoon)
    bureaudienst = world.bureaudienst  # medewerker of team Zuid, and bureaudienst
    gecontroleerd = 0
    for soort in Gegevens.values:
        for status in Status.values:
            Casus.objects.filter(pk=casus.pk).update(status=status)
            casus.refresh_from_db()
            verwacht = status in statussen_in(stadia_voor(Betrekking.BUREAUDIENST, soort))
            zichtbaar = casussen_visible_to(bureaudienst, soort).filter(pk=casus.pk).exists()
            assert zichtbaar == verwacht, (soort, status, zichtbaar)
            assert casus_toont(bureaudienst, casus, soort) == verwacht, (soort, status)
            bureaudienst = type(bureaudienst).objects.get(pk=bureaudienst.pk)  # a new request: no cached answers
            gecontroleerd += verwacht
    assert gecontroleerd > 0
