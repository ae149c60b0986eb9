"""A plan without goals or afspraken says so in a sentence, not as item "1." of a list (issue 13, fault 7)."""

from wijkregie.plan import services
from wijkregie.testing import login


def test_an_empty_plan_says_so_in_a_sentence(client, world, casus):
    services.plan_create(actor=world.medewerker, casus=casus)
    login(client, world.medewerker)
    content = client.get(f"/casussen/{casus.pk}/plan/").content.decode()
    assert "<p>Nog geen doelen.</p>" in content and "<li>Nog geen doelen.</li>" not in content
    assert "<p>Nog geen afspraken.</p>" in content and "<li>Nog geen afspraken.</li>" not in content
