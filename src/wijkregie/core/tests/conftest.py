import pytest


@pytest.fixture(autouse=True)
def _audit_checkpoints_per_test(settings, tmp_path):
    # Each test has a database of its own; its audit checkpoint must be its own too.
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-controlepunten"
