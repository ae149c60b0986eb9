"""Mandaat: who may sign and decide, within which scope and dates (Awb 10:1-10:9; glossary)."""

import datetime
from decimal import Decimal

from wijkregie.organisatie.forms import MandaatForm
from wijkregie.organisatie.models import Mandaat, Wet

DAG = datetime.date(2025, 6, 1)


def _mandaat(world, houder, **kw):
    defaults = dict(gemeente=world.den_helder, houder=houder, verlener="College", besluit="MB-T",
                    geldig_van=datetime.date(2025, 1, 1))
    return Mandaat.objects.create(**{**defaults, **kw})


def test_it_covers_the_laws_products_amounts_and_dates_it_names(world):
    m = _mandaat(world, world.backoffice, wmo=True, productcategorieen="02, 03", maximum_bedrag=Decimal("5000"),
                 geldig_tot=datetime.date(2025, 12, 31))
    assert m.dekt(wet=Wet.WMO, productcategorie="02", bedrag=Decimal("5000"), datum=DAG)
    assert not m.dekt(wet=Wet.JEUGDWET, productcategorie="02", datum=DAG)
    assert not m.dekt(wet=Wet.WMO, productcategorie="08", datum=DAG)
    assert not m.dekt(wet=Wet.WMO, productcategorie="02", bedrag=Decimal("5000.01"), datum=DAG)
    assert not m.dekt(wet=Wet.WMO, productcategorie="02", datum=datetime.date(2026, 1, 1))
    assert not m.dekt(wet=Wet.WMO, productcategorie="02", datum=datetime.date(2024, 12, 31))


def test_a_partner_employee_needs_written_confirmation(world):
    # The medewerker works for De Wering, not for the gemeente.
    m = _mandaat(world, world.medewerker, wmo=True)
    assert m.vereist_bevestiging and not m.geldig_op(DAG)
    m.bevestigd_op = datetime.date(2025, 1, 10)
    assert m.geldig_op(DAG) and not m.geldig_op(datetime.date(2025, 1, 9))
    assert not _mandaat(world, world.backoffice, wmo=True).vereist_bevestiging


def test_a_sub_mandaat_stays_within_its_parent(world):
    parent = _mandaat(world, world.collega, wmo=True, bevestigd_op=DAG, geldig_tot=datetime.date(2025, 12, 31),
                      productcategorieen="02")
    sub = _mandaat(world, world.medewerker, wmo=True, bevestigd_op=DAG, ondermandaat_van=parent,
                   via_organisatie=world.wering)
    assert sub.dekt(wet=Wet.WMO, productcategorie="02", datum=DAG)
    assert not sub.dekt(wet=Wet.WMO, productcategorie="03", datum=DAG)  # outside the parent's products
    assert not sub.geldig_op(datetime.date(2026, 2, 1))  # the parent has ended


def test_a_withdrawn_mandaat_is_no_longer_valid(world):
    m = _mandaat(world, world.backoffice, wmo=True, ingetrokken_op=datetime.date(2025, 5, 1))
    assert m.geldig_op(datetime.date(2025, 4, 30)) and not m.geldig_op(DAG)


def test_the_form_explains_what_is_missing_in_dutch(world):
    form = MandaatForm({"houder": world.medewerker.pk, "verlener": "College", "besluit": "MB-9",
                        "geldig_van": "2025-01-01", "geldig_tot": "2024-01-01"}, gemeente=world.den_helder)
    assert not form.is_valid()
    assert form.errors["wmo"] == ["Kies ten minste één wet."]
    assert "De einddatum ligt voor de begindatum." in form.errors["geldig_tot"]
    assert "schriftelijk bevestigde" in form.errors["bevestigd_op"][0]


def test_the_form_offers_only_the_gemeentes_own_people(world):
    form = MandaatForm(gemeente=world.voorbeeld)
    assert list(form.fields["houder"].queryset) == [world.buitenstaander]


def test_the_register_shows_everything_to_backoffice_and_only_own_mandaten_to_a_medewerker(client, world):
    from wijkregie.testing import login

    login(client, world.backoffice)
    content = client.get("/mandaten/").content.decode()
    assert "MB-1" in content and "MB-2" in content and "Mandaatregister" in content
    _mandaat(world, world.collega, wmo=True, besluit="MB-EIGEN", bevestigd_op=DAG)
    login(client, world.collega)
    content = client.get("/mandaten/").content.decode()
    assert "MB-EIGEN" in content and "Mijn mandaten" in content
    assert "MB-1" not in content and "MB-2" not in content


def test_an_unknown_amount_is_not_covered_by_a_mandaat_with_a_maximum(world):
    m = _mandaat(world, world.backoffice, wmo=True, maximum_bedrag=Decimal("5000"))
    assert not m.dekt(wet=Wet.WMO, datum=DAG)
    assert _mandaat(world, world.backoffice, wmo=True, besluit="MB-U").dekt(wet=Wet.WMO, datum=DAG)


def test_a_mandaat_cannot_derive_from_itself(world):
    a = _mandaat(world, world.collega, wmo=True, bevestigd_op=DAG)
    b = _mandaat(world, world.medewerker, wmo=True, bevestigd_op=DAG, ondermandaat_van=a, via_organisatie=world.wering)
    form = MandaatForm({"houder": world.collega.pk, "verlener": "x", "besluit": "MB-T", "wmo": "on",
                        "geldig_van": "2025-01-01", "bevestigd_op": "2025-01-01", "ondermandaat_van": b.pk,
                        "via_organisatie": world.wering.pk}, instance=a, gemeente=world.den_helder)
    assert not form.is_valid()
    assert "niet van zichzelf" in str(form.errors)
    # Even a cycle written past the form does not hang the pages: the chain is cut.
    Mandaat.objects.filter(pk=a.pk).update(ondermandaat_van=b, via_organisatie=world.wering)
    a.refresh_from_db()
    assert a.geldig_op(DAG) in (True, False)


def test_a_negative_maximum_is_refused(world):
    form = MandaatForm({"houder": world.backoffice.pk, "verlener": "x", "besluit": "MB-N", "wmo": "on",
                        "geldig_van": "2025-01-01", "maximum_bedrag": "-100"}, gemeente=world.den_helder)
    assert not form.is_valid() and "maximum_bedrag" in form.errors
