"""An evaluation's errors say what to do: a next evaluation in the past "moet na vandaag liggen" (it said "ligt
in de toekomst", the opposite of what was wrong); a ZRM text without a level asks for the level first."""

import datetime

from django.utils import timezone

from wijkregie.regie.models import Evaluatie
from wijkregie.testing import login


def test_a_next_evaluation_in_the_past_is_refused_in_words_that_say_what_to_do(client, world, getekend):
    evaluatie = Evaluatie.objects.get(casus=getekend.casus)
    doel = getekend.doelen.get()
    login(client, world.medewerker)
    gisteren = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    content = client.post(f"/evaluaties/{evaluatie.pk}/", {
        "verslag": "Het gaat beter", "met_inwoner": "on", f"doel_{doel.pk}": "deels", "volgende_op": gisteren,
    }).content.decode()
    assert "De volgende evaluatie moet na vandaag liggen." in content
    assert "ligt in de toekomst" not in content
    assert "Het gaat beter" in content  # what was typed is kept
    evaluatie.refresh_from_db()
    assert evaluatie.gehouden_op is None
