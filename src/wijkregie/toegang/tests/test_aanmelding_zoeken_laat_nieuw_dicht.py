"""Searching on the aanmelding form posts the whole form, the new resident's empty fields and household rows
included: that alone must not open "Nieuwe inwoner registreren" (on a phone the open section with its rows is
five screens long); what was typed there does open it, and stays."""

from wijkregie.testing import login, make_persoon

LEEG = {"nieuw-voornamen": "", "nieuw-achternaam": "", "nieuw-geboortedatum": "", "nieuw-bsn": "",
        "nieuw-postcode": "", "nieuw-huisnummer": "", "nieuw-telefoon": "", "nieuw-toch_nieuw": "",
        "lid-TOTAL_FORMS": "3", "lid-INITIAL_FORMS": "0", "kanaal": "telefoon", "vraag": ""}


def test_a_search_keeps_the_new_resident_section_closed(client, world):
    make_persoon(world, "Daan", "Visser", geboortedatum="2012-05-01")
    login(client, world.kcc)
    content = client.post("/aanmeldingen/nieuw/", {**LEEG, "zoek": "Daan Visser", "actie": "zoeken"}).content.decode()
    assert "Daan Visser" in content
    assert '<details class="wr-details">' in content
    assert "Vink aan als geen van de gevonden personen dezelfde is." not in content


def test_what_was_typed_for_a_new_resident_opens_it_and_is_kept(client, world):
    login(client, world.kcc)
    content = client.post("/aanmeldingen/nieuw/", {**LEEG, "nieuw-voornamen": "Anouk", "zoek": "Anouk",
                                                    "actie": "zoeken"}).content.decode()
    assert '<details class="wr-details" open>' in content and 'value="Anouk"' in content
