"""A mandaat's product categories are codes from the iWmo/iJw lists: a typo ("2", "abc", "99") is refused at the
field (it made a mandaat that quietly covered no category); known codes are kept, written alike."""

from wijkregie.organisatie.forms import MandaatForm

BASIS = {"verlener": "College", "besluit": "MB-P", "wmo": "on", "geldig_van": "2025-01-01"}


def test_unknown_codes_are_refused_at_the_field(world):
    form = MandaatForm({**BASIS, "houder": world.backoffice.pk, "productcategorieen": "02, 99, abc, 2"},
                       gemeente=world.den_helder)
    assert not form.is_valid()
    assert form.errors["productcategorieen"] == [
        "Onbekende productcategorieën: 99, abc, 2. Gebruik de codes van twee cijfers uit de iWmo- of iJw-lijst, "
        "gescheiden door komma's, bijvoorbeeld 02, 45."]
    form = MandaatForm({**BASIS, "houder": world.backoffice.pk, "productcategorieen": "2"}, gemeente=world.den_helder)
    assert not form.is_valid() and form.errors["productcategorieen"][0].startswith("Onbekende productcategorie: 2.")


def test_known_codes_of_both_lists_are_kept(world):
    form = MandaatForm({**BASIS, "houder": world.backoffice.pk, "jeugdwet": "on", "productcategorieen": "02 ,45,"},
                       gemeente=world.den_helder)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["productcategorieen"] == "02, 45"


def test_empty_means_every_category(world):
    form = MandaatForm({**BASIS, "houder": world.backoffice.pk, "productcategorieen": ""}, gemeente=world.den_helder)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["productcategorieen"] == ""
