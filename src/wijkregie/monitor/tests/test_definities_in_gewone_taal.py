"""The definitions page is read by policy officers: it says in plain Dutch what each indicator is computed from.
The technical source fields (model and field names) are there only for whoever needs them, folded away in a
<details>, not in the text a policy officer reads."""

import re

from django.utils import translation

from wijkregie.monitor.definitions import INDICATOREN
from wijkregie.testing import login


def _zonder_details(html: str) -> str:
    return re.sub(r"<details.*?</details>", "", html, flags=re.S)


def test_a_policy_officer_reads_plain_dutch_and_no_field_names(client, world):
    login(client, world.beleidsmedewerker)
    pagina = client.get("/monitor/definities/").content.decode()
    zichtbaar = _zonder_details(pagina)
    with translation.override("nl"):
        for i in INDICATOREN.values():
            assert i.bron not in zichtbaar, i.code  # e.g. 'aanmelding.ontvangen_op, aanmelding.kanaal'
            assert i.bron in pagina, i.code  # still there, folded away for who needs it
            assert i.bron_uitleg and str(i.bron_uitleg) in zichtbaar, i.code


def test_the_plain_description_is_translated():
    for i in INDICATOREN.values():
        with translation.override("en"):
            engels = str(i.bron_uitleg)
        with translation.override("nl"):
            assert engels and engels != str(i.bron_uitleg), i.code
