"""A bad filter gets a Dutch error at the field and no figures (never figures for something else, never a
500); periods are whole months, so two periods a day apart cannot be subtracted to find one resident."""

import pytest
from django.urls import reverse

from wijkregie.testing import login


@pytest.mark.parametrize("params, veld, melding", [
    ({"van": "2026-06", "tot": "2026-01"}, "tot", "De laatste maand ligt vóór de eerste."),
    ({"van": "9999-12", "tot": "9999-12"}, "van", "Kies een maand tussen"),
    ({"van": "1900-01", "tot": "2026-01"}, "van", "Kies een maand tussen"),
    ({"van": "2020-01", "tot": "2026-01"}, "tot", "hoogstens 60 maanden"),
    ({"van": "januari", "tot": "2026-01"}, "van", "Vul een maand in als jjjj-mm"),
])
def test_bad_periods_are_explained_at_the_field(client, world, cijfers, params, veld, melding):
    login(client, world.beleidsmedewerker)
    r = client.get(reverse("monitor:overzicht"), params)
    assert r.status_code == 200
    tekst = r.content.decode()
    assert melding in tekst and f'id="id_{veld}_error"' in tekst
    assert "Het filter klopt niet" in tekst and "Aanmeldingen per kanaal" not in tekst  # no figures
    assert f'value="{params["van"]}"' in tekst  # what was typed stays
    for naam in ("csv", "xlsx"):
        assert client.get(reverse("monitor:export", args=[naam]), params).status_code == 400
    assert client.get(reverse("monitor:rapport"), params).status_code == 400
    assert client.get(reverse("monitor:onderzoek"), params).status_code == 400


def test_unknown_wijk_or_team_is_an_error_not_the_whole_gemeente(client, world, cijfers):
    login(client, world.beleidsmedewerker)
    r = client.get(reverse("monitor:overzicht"), {"wijk": world.dorp.pk})  # a wijk of another gemeente
    assert "Selecteer een geldige keuze" in r.content.decode() and "Aanmeldingen per kanaal" not in r.content.decode()
    assert client.get(reverse("monitor:export", args=["csv"]), {"team": 999999}).status_code == 400


def test_a_day_in_a_link_is_rounded_to_its_month(client, world, cijfers):
    login(client, world.beleidsmedewerker)
    een = client.get(reverse("monitor:export", args=["csv"]), {"van": "2025-03-01", "tot": "2025-03-19"}).content
    ander = client.get(reverse("monitor:export", args=["csv"]), {"van": "2025-03-11", "tot": "2025-03-20"}).content
    assert een == ander
    pagina = client.get(reverse("monitor:overzicht"), {"van": "2025-03-11", "tot": "2025-03-20"}).content.decode()
    assert "Periode maart 2025 tot en met maart 2025." in pagina
