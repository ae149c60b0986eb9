"""Registering a question that joins a household's running casus stays within the 15 statements a page
may run (issue 17, item 4), counted as `make bench` counts them (transaction control left out), in the
worst case: the session's idle timer is due (written once a minute) and the resident is new to the team
(a hulprelatie is written)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkregie.casus.models import Casus
from wijkregie.core.middleware import TRANSACTION_CONTROL
from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Hulprelatie, Lidmaatschap
from wijkregie.regie.models import Regie
from wijkregie.testing import login, make_persoon
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Toedeling

MAX_QUERIES = 15


def test_a_joining_question_is_registered_within_the_budget(client, world):
    moeder = make_persoon(world, "Ilse", "Bakker", team=world.team_noord)
    casus = Casus.objects.get(hoofdpersoon=moeder)
    Regie.objects.create(gemeente=world.den_helder, casus=casus, houder="medewerker", medewerker=world.collega,
                         uitleg_aan_inwoner="Ahmed coördineert.")
    zoon = make_persoon(world, "Tim", "Bakker")
    Lidmaatschap.objects.filter(persoon=zoon).update(huishouden=casus.huishouden)  # he lives with his mother
    login(client, world.bureaudienst)
    client.get("/")
    sessie = client.session
    sessie["_touched"] = 0  # the idle timer is due: this request writes the session too
    sessie.save()
    with CaptureQueriesContext(connection) as ctx:
        response = client.post("/aanmeldingen/nieuw/", {
            "kanaal": "telefoon", "vraag": "Tim wil hulp bij zijn schulden.", "afhandeling": "bureaudienst",
            "ontvangen_op": timezone.localtime().strftime("%Y-%m-%dT%H:%M"), "persoon": str(zoon.pk),
        })
    assert response.status_code == 302
    statements = [q["sql"] for q in ctx.captured_queries if not TRANSACTION_CONTROL.match(q["sql"])]
    # What was counted is the whole registration: joined to the casus, allocated to the regie holder,
    # the team's relationship with Tim begun, the session's timer and the audit event written.
    aanmelding = Aanmelding.objects.get(persoon=zoon)
    assert (aanmelding.casus, aanmelding.medewerker, aanmelding.status) == (casus, world.collega,
                                                                            AanmeldingStatus.TOEGEDEELD)
    assert Toedeling.objects.get(aanmelding=aanmelding).medewerker == world.collega
    assert Hulprelatie.objects.filter(persoon=zoon, team=world.team_noord, reden=f"casus {casus.pk}").exists()
    assert any(s.startswith('UPDATE "django_session"') for s in statements)
    assert AuditEvent.objects.filter(object_type="toegang.aanmelding", object_id=str(aanmelding.pk)).exists()
    assert len(statements) <= MAX_QUERIES, "\n".join(s[:120] for s in statements)
