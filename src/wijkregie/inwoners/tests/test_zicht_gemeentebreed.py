"""A gemeente-wide role (KCC, bureaudienst, backoffice) sees who every resident of its gemeente is, whatever files
the user has: its search reads none of the file rules' inputs (the user's regies, the teams' consented
aanmeldingen), which over a million residents cost three statements and 10-20 ms a search (issue 17). Kinds of
data the role does not show everywhere still go through the files."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkregie.inwoners import selectors
from wijkregie.organisatie.models import Medewerker
from wijkregie.organisatie.toegangsbeleid import Gegevens
from wijkregie.testing import make_persoon


def _verzoek(user):
    """A new request's user object: nothing read in an earlier request is on it."""
    return Medewerker.objects.get(pk=user.pk)


def test_a_bureaudienst_search_reads_no_file_rule_and_finds_every_resident_of_its_gemeente(world):
    zonder_dossier = make_persoon(world, "Wietske", "Zonderdossier")
    elders = make_persoon(world, "Wietske", "Zonderdossier", gemeente=world.voorbeeld)
    user = _verzoek(world.bureaudienst)
    with CaptureQueriesContext(connection) as gelezen:
        gevonden = selectors.personen_zoeken(user, "Wietske Zonderdossier")
    assert [p.pk for p in gevonden] == [zonder_dossier.pk]
    assert elders.pk not in [p.pk for p in gevonden]
    tabellen = " ".join(q["sql"] for q in gelezen.captured_queries)
    for regelinvoer in ("regie_regie", "toegang_aanmelding", "organisatie_teamlid", "casus_casus"):
        assert regelinvoer not in tabellen, regelinvoer


def test_what_the_role_does_not_show_everywhere_still_needs_a_file(world):
    zonder_dossier = make_persoon(world, "Wietske", "Zonderdossier")
    met_dossier = make_persoon(world, "Kees", "Metdossier", team=world.team_noord, regisseur=world.bureaudienst)
    user = _verzoek(world.bureaudienst)
    identiteit = set(selectors.personen_visible_to(user).values_list("pk", flat=True))
    assert {zonder_dossier.pk, met_dossier.pk} <= identiteit
    contact = set(selectors.personen_visible_to(user, Gegevens.CONTACT).values_list("pk", flat=True))
    assert met_dossier.pk in contact
    assert zonder_dossier.pk not in contact
