"""A hand-made ?voor= on the timeline that is no real moment (30 February, month 13, hour 25) pages from
the start instead of answering 500 (issue 13, fault 10)."""

import pytest

from wijkregie.testing import login


@pytest.mark.parametrize("voor", ["2026-02-30T10:00:00", "2026-13-01T10:00:00", "2026-01-01T25:00:00",
                                  "2026-01-01T10:61:00", "gisteren", "2026-01-01T10:00:00+25:00"])
def test_an_impossible_moment_is_ignored(client, world, casus, voor):
    login(client, world.medewerker)
    response = client.get(f"/casussen/{casus.pk}/tijdlijn/", {"voor": voor})
    assert response.status_code == 200
    assert "Tijdlijn" in response.content.decode()
