"""The desk's search: by birth date (alone or with a name), and break-the-glass as its own filter; the
search values never land in a URL or in the trail."""

import datetime

from django.db import transaction

from wijkregie.core.audit import AuditActie, audit_log
from wijkregie.core.models import AuditEvent
from wijkregie.testing import login, make_persoon


def test_it_finds_a_resident_by_birth_date_and_by_name_with_birth_date(client, world):
    anna = make_persoon(world, "Anna", "de Boer", geboortedatum=datetime.date(1980, 3, 12))
    andere_anna = make_persoon(world, "Anna", "de Boer", geboortedatum=datetime.date(1991, 7, 1))
    with transaction.atomic():
        for p in (anna, andere_anna):
            audit_log(actor=world.medewerker, actie=AuditActie.READ, object_type="inwoners.persoon", client_id=p.pk)
    login(client, world.privacyfunctionaris)

    def gevonden(**params):
        response = client.post("/audit/", params, follow=True)
        assert response.status_code == 200
        assert "12-03-1980" not in response.redirect_chain[-1][0] and "boer" not in response.redirect_chain[-1][0]
        return {r["event"].client_id for r in response.context["rijen"] if r["event"].object_type == "inwoners.persoon"}

    assert gevonden(inwoner="de boer") == {anna.pk, andere_anna.pk}
    assert gevonden(inwoner="de boer", geboortedatum="12-03-1980") == {anna.pk}
    assert gevonden(geboortedatum="01-07-1991") == {andere_anna.pk}
    assert gevonden(geboortedatum="02-07-1991") == set()
    gelezen = AuditEvent.objects.filter(actor="privacy", object_type="core.auditevent", client_id__isnull=True)
    assert all("1980" not in e.omschrijving and "boer" not in e.omschrijving for e in gelezen)
    assert any("geboortedatum" in e.omschrijving for e in gelezen)


def test_break_the_glass_has_its_own_filter_in_dutch_terms(client, world):
    anna = make_persoon(world, "Anna", "de Boer", bsn="999993653", team=world.team_noord, regisseur=world.medewerker)
    login(client, world.andere_teamlid)
    client.post("/noodtoegang/", {"stap": "zoeken", "bsn": "999993653"})
    client.post("/noodtoegang/", {"stap": "openen", "reden": "Crisis, regisseur ziek."})
    client.get(f"/casussen/{anna.casussen.get().pk}/")
    login(client, world.privacyfunctionaris)
    response = client.post("/audit/", {"bijzonder": "noodtoegang"}, follow=True)
    rijen = response.context["rijen"]
    assert rijen and {r["event"].grondslag for r in rijen} == {"noodtoegang"}
    assert {r["soort"] for r in rijen} == {"casus", "noodtoegang"}  # verbose names, not privacy.noodtoegang
    inhoud = response.content.decode()
    assert "privacy.noodtoegang" not in inhoud and "casus.casus" not in inhoud


def test_every_kind_of_data_in_the_trail_reads_in_words_not_as_a_model_label():
    """Every object_type the code writes (a literal in the source) is shown without dots or underscores."""
    import re
    from pathlib import Path

    from wijkregie.privacy.selectors import soort

    bron = Path(__file__).resolve().parents[2]
    soorten = {m for f in bron.rglob("*.py") if "tests" not in f.parts
               for m in re.findall(r'object_type="([a-z_.]+)"', f.read_text(encoding="utf-8"))}
    assert {"casus.casus", "privacy.noodtoegang", "regie.werkvoorraad"} <= soorten
    ruw = {s: soort(s) for s in soorten if "." in soort(s) or "_" in soort(s)}
    assert not ruw
