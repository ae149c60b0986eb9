"""A referral sent empty: each missing field said once, at the field, in Dutch; the API's second opinion on the
same fields (its "Dit veld mag niet leeg zijn.", its date format in English, '"" is een ongeldige keuze.') is not
repeated in the summary without a field name."""

import re

from wijkregie.portaal.tests.helpers import portaal_login
from wijkregie.toegang.models import Aanmelding


def test_an_empty_referral_names_each_field_once(client, assistent):
    portaal_login(client, assistent)
    leeg = dict.fromkeys(("naam", "geboortedatum", "bsn", "postcode", "contact", "vraag", "verwijzer",
                          "contactpersoon", "kenmerk"), "")  # what a browser sends for the untouched form
    content = client.post("/portaal/verwijzen/", leeg).content.decode()
    samenvatting = re.search(r'<div class="wr-error-summary".*?</div>', content, re.S)[0]
    regels = re.findall(r"<li>(.*?)</li>", samenvatting, re.S)
    assert regels and all("<a href=" in regel for regel in regels)  # every line names and links its field
    assert "Dit veld mag niet leeg zijn" not in content
    assert "YYYY-MM-DD" not in content and "ongeldige keuze" not in content
    assert not Aanmelding.objects.exists()


def test_a_wrong_bsn_is_still_refused_at_its_field(client, assistent):
    portaal_login(client, assistent)
    content = client.post("/portaal/verwijzen/", {
        "naam": "Piet Jansen", "geboortedatum": "2001-02-03", "bsn": "123456789", "postcode": "1784 AB",
        "vraag": "Zorgen over de administratie", "verwijzer": "02",
    }).content.decode()
    assert 'id="id_bsn_error"' in content
    assert not Aanmelding.objects.exists()
