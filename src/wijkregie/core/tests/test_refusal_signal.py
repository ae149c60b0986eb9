"""Walking object ids is signalled to the privacy officer: past the hourly number of refusals, one
`beveiliging.weigeringen` event per user and hour."""

from django.core.cache import cache

from wijkregie.core.models import AuditEvent
from wijkregie.testing import login, make_persoon


def test_walking_ids_is_signalled_once(client, world, settings):
    cache.clear()
    settings.WEIGERINGENLIMIET_PER_UUR = 3
    personen = [make_persoon(world, "Anna", f"Zuid{i}", team=world.team_zuid) for i in range(6)]
    login(client, world.medewerker)  # team Noord: none of them is hers
    for persoon in personen:
        assert client.get(f"/personen/{persoon.pk}/").status_code == 404
    assert AuditEvent.objects.filter(actor_id=world.medewerker.pk, resultaat="geweigerd",
                                     object_type="inwoners.persoon").count() == 6
    signalen = AuditEvent.objects.filter(actor_id=world.medewerker.pk, object_type="beveiliging.weigeringen")
    assert signalen.count() == 1
