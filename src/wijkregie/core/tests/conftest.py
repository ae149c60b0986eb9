import pytest


@pytest.fixture(autouse=True)
def _audit_checkpoints_per_test(settings, tmp_path):
    # Each test has a database of its own; its audit checkpoint must be its own too.
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-controlepunten"


@pytest.fixture
def gebouwd(settings, monkeypatch) -> list:
    """How many times eerste_rijen_van built a statement (core.querying._samenstellen), with kept statements used
    as in production (the tests' guard off, nothing kept yet)."""
    from wijkregie.core import querying

    settings.GECOMPILEERD_CONTROLE = False
    querying._eerste_rijen.clear()
    teller: list = []
    echte = querying._samenstellen
    monkeypatch.setattr(querying, "_samenstellen", lambda *a, **k: teller.append(1) or echte(*a, **k))
    return teller
