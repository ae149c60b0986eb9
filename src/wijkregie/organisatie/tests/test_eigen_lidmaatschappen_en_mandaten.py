"""The start page reads the user's own memberships and mandaten in one query (issue 17), and they are what
the two querysets read on their own would be: the same rows, the same validity of each mandaat (which looks
at the holder's employer and at the mandaat it derives from, and that one's holder)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.organisatie import selectors
from wijkregie.organisatie.models import Mandaat


def test_one_query_reads_what_the_two_lists_would(world):
    mb1 = Mandaat.objects.get(besluit="MB-1")
    Mandaat.objects.create(gemeente=world.den_helder, houder=world.medewerker, verlener="Directeur", besluit="OM-7",
                           ondermandaat_van=mb1, wmo=True, geldig_van=datetime.date(2025, 1, 1),
                           geldig_tot=datetime.date(2025, 12, 31), bevestigd_op=datetime.date(2025, 1, 1))
    Mandaat.objects.create(gemeente=world.den_helder, houder=world.collega, verlener="College van B&W",
                           besluit="MB-9", wmo=True, geldig_van=datetime.date(2024, 1, 1))
    vandaag = timezone.localdate()
    assert world.medewerker.rollen  # read once per request by every page already
    with CaptureQueriesContext(connection) as ctx:
        leden, mandaten = selectors.eigen_lidmaatschappen_en_mandaten(world.medewerker, peildatum=vandaag)
        geldig = {m.besluit: (m.geldig_op(vandaag), m.geldig_op(datetime.date(2025, 6, 1)), m.vereist_bevestiging)
                  for m in mandaten}
        teams = [(lid.team.naam, lid.team.slug, lid.uren_per_week) for lid in leden]
    assert len(ctx.captured_queries) == 1

    eigen = list(selectors.mandaten_visible_to(world.medewerker).filter(houder=world.medewerker))
    assert [m.pk for m in mandaten] == [m.pk for m in eigen] and {m.besluit for m in mandaten} == {"MB-2", "OM-7"}
    assert geldig == {m.besluit: (m.geldig_op(vandaag), m.geldig_op(datetime.date(2025, 6, 1)),
                                  m.vereist_bevestiging) for m in eigen}
    assert geldig["OM-7"][1] != geldig["OM-7"][0]  # valid in 2025 only: the comparison means something
    per_besluit = {m.besluit: m for m in mandaten}
    assert per_besluit["OM-7"].ondermandaat_van.houder.username == world.backoffice.username
    assert per_besluit["MB-2"].ondermandaat_van is None
    sanne = world.medewerker
    eigen_leden = selectors.teamleden_visible_to(sanne, peildatum=vandaag).filter(medewerker=sanne)
    assert teams == [(lid.team.naam, lid.team.slug, lid.uren_per_week) for lid in eigen_leden]
    assert teams  # Sanne is in a team
    # Their own only, and no password hash read with the holder's name.
    assert "password" not in mandaten[0].houder.__dict__
