"""The research export: one row per aanmelding, pseudonymised (no names, BSN, postcode, text or exact
dates), for policy officers only, and in the audit trail."""

import csv
import io
import re

from django.urls import reverse
from django.utils import timezone

from wijkregie.core.models import AuditEvent
from wijkregie.testing import login, make_persoon
from wijkregie.toegang.models import Aanmelding

PSEUDONIEMEN = ("aanmelding", "inwoner", "casus")


def test_rows_are_pseudonymised_and_the_export_is_audited(client, world, cijfers):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999990019", geboortedatum="1950-05-01", wijk=world.noord)
    for _ in range(2):
        Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Geheime vraag over schulden",
                                  persoon=anna, postcode="1784AB", team=world.team_noord, ontvangen_op=timezone.now())
    login(client, world.beleidsmedewerker)
    r = client.get(reverse("monitor:onderzoek"))
    assert r.status_code == 200
    tekst = b"".join(r.streaming_content).decode("utf-8-sig")
    rijen = list(csv.DictReader(io.StringIO(tekst), delimiter=";"))
    # The pseudonyms are random hex, so they may contain "1784" or "1950" by chance (CI once saw it):
    # they are checked for their form, every other column for the secrets.
    for rij in rijen:
        assert all(re.fullmatch(r"[0-9a-f]{16}|", rij.pop(k)) for k in PSEUDONIEMEN)
        rest = ";".join(rij.values())
        for geheim in ("Anna", "Boer", "999990019", "1784", "Geheime vraag", "1950"):
            assert geheim not in rest
    assert "Anna" not in tekst and "999990019" not in tekst
    rijen = list(csv.DictReader(io.StringIO(tekst), delimiter=";"))
    assert len(rijen) == 14  # 12 of the fixture and Anna's 2; Voorbeeldgemeente's 6 are not here
    van_anna = [r for r in rijen if r["leeftijdsklasse"] == "67+"]
    assert len(van_anna) == 2 and van_anna[0]["inwoner"] == van_anna[1]["inwoner"] != ""  # linkable, not named
    assert all(len(r["maand"]) == 7 for r in rijen)  # YYYY-MM, not a date
    assert all("." not in r["dagen_tot_eerste_contact"] for r in rijen)  # whole days
    # A new key per export: the same resident gets another pseudonym next time (studies cannot be joined).
    opnieuw = list(csv.DictReader(io.StringIO(b"".join(client.get(reverse("monitor:onderzoek")).streaming_content)
                                              .decode("utf-8-sig")), delimiter=";"))
    assert {r["inwoner"] for r in opnieuw}.isdisjoint({r["inwoner"] for r in rijen if r["inwoner"]})
    assert AuditEvent.objects.filter(object_type="monitor.onderzoek", actor_id=world.beleidsmedewerker.pk,
                                     omschrijving__contains="14 aanmeldingen").exists()


def test_teamleider_and_medewerker_may_not(client, world, cijfers, teamleider_noord):
    for wie in (world.medewerker, teamleider_noord):
        login(client, wie)
        assert client.get(reverse("monitor:onderzoek"), {"team": world.team_noord.pk}).status_code == 403
