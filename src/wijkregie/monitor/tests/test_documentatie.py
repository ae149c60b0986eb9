"""docs/indicatoren.md says what the code computes: every indicator with its exact definition."""

from pathlib import Path

from django.utils import translation

from wijkregie.monitor.definitions import INDICATOREN

DOC = Path(__file__).resolve().parents[4] / "docs" / "indicatoren.md"


def test_every_indicator_is_documented_with_its_definition():
    tekst = DOC.read_text(encoding="utf-8")
    with translation.override("nl"):  # the document is in Dutch, as the definitions are written
        for i in INDICATOREN.values():
            assert f"| `{i.code}` | {i.naam} | {i.definitie} | {i.eenheid} |" in tekst, i.code
