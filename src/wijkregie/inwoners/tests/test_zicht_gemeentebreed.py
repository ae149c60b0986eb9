"""A gemeente-wide role (KCC, bureaudienst, backoffice) sees who every resident of its gemeente is, whatever files
the user has: its search reads none of the file rules' inputs. A bureaudienst member, whose role is also a team
role, read their teams, regies and the teams' consented aanmeldingen for every search: three statements and
10-20 ms over a million residents (issue 17). The answer is kept per process under the gemeente alone; kinds of
data the role does not show everywhere still go through the files."""

from contextlib import ExitStack

from django.db import connections
from django.test.utils import CaptureQueriesContext

from wijkregie.core import querying
from wijkregie.inwoners import selectors
from wijkregie.organisatie.models import Medewerker
from wijkregie.organisatie.toegangsbeleid import Gegevens
from wijkregie.testing import make_persoon


def _verzoek(user):
    """A new request's user object: nothing read in an earlier request is on it."""
    return Medewerker.objects.get(pk=user.pk)


def test_a_bureaudienst_search_reads_no_file_rule_and_finds_every_resident_of_its_gemeente(world):
    zonder_dossier = make_persoon(world, "Wietske", "Zonderdossier")
    make_persoon(world, "Wietske", "Zonderdossier", gemeente=world.voorbeeld)
    user = _verzoek(world.bureaudienst)
    with ExitStack() as stapel:
        gelezen = [stapel.enter_context(CaptureQueriesContext(connection)) for connection in connections.all()]
        gevonden = selectors.personen_zoeken(user, "Wietske Zonderdossier")
    assert [p.pk for p in gevonden] == [zonder_dossier.pk]
    tabellen = " ".join(q["sql"] for vastleggen in gelezen for q in vastleggen.captured_queries)
    assert "inwoners_persoon" in tabellen
    for regelinvoer in ("regie_regie", "toegang_aanmelding", "organisatie_teamlid", "casus_casus"):
        assert regelinvoer not in tabellen, regelinvoer


def test_the_kept_answer_is_the_gemeentes_own(world, settings):
    settings.GECOMPILEERD_CONTROLE = False  # as in production: the kept tree is used, not built again
    querying._querysets.clear()
    hier = make_persoon(world, "Wietske", "Zonderdossier")
    elders = make_persoon(world, "Wietske", "Zonderdossier", gemeente=world.voorbeeld)
    for user, wie in ((world.bureaudienst, hier), (world.buitenstaander, elders), (world.kcc, hier),
                      (world.bureaudienst, hier), (world.buitenstaander, elders)):
        assert [p.pk for p in selectors.personen_zoeken(_verzoek(user), "Wietske Zonderdossier")] == [wie.pk]


def test_what_the_role_does_not_show_everywhere_still_needs_a_file(world):
    zonder_dossier = make_persoon(world, "Wietske", "Zonderdossier")
    met_dossier = make_persoon(world, "Kees", "Metdossier", team=world.team_zuid)

    def zichtbaar(user, soort):
        return set(selectors.personen_visible_to(_verzoek(user), soort).filter(
            pk__in=[zonder_dossier.pk, met_dossier.pk]).values_list("pk", flat=True))

    for gemeentebreed in (world.bureaudienst, world.kcc, world.backoffice):
        assert zichtbaar(gemeentebreed, Gegevens.IDENTITEIT) == {zonder_dossier.pk, met_dossier.pk}
    # Contact details: the backoffice of every resident (beschikkingen), the bureaudienst through the team's
    # consented file, the KCC of nobody without a file of its own.
    assert zichtbaar(world.backoffice, Gegevens.CONTACT) == {zonder_dossier.pk, met_dossier.pk}
    assert zichtbaar(world.bureaudienst, Gegevens.CONTACT) == {met_dossier.pk}
    assert zichtbaar(world.kcc, Gegevens.CONTACT) == set()
