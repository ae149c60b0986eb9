import subprocess
import sys


def test_the_wijkregie_command_lists_the_project_commands():
    result = subprocess.run(
        [sys.executable, "-m", "wijkregie", "help"], capture_output=True, text=True, timeout=60,
        env={"SECRET_KEY": "x", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    for command in ("demo", "audit", "createsuperuser", "runserver", "migrate"):
        assert command in result.stdout
