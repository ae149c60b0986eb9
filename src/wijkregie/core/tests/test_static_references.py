"""Every {% static %} a template names exists, so production's manifest storage will not fail on it."""

import re
from pathlib import Path

from django.contrib.staticfiles import finders

import wijkregie

STATIC = re.compile(r"""{%\s*static\s+['"]([^'"]+)['"]""")


def test_every_static_reference_resolves():
    package = Path(wijkregie.__file__).parent
    missing = []
    for template in package.rglob("templates/**/*.html"):
        for path in STATIC.findall(template.read_text()):
            if finders.find(path) is None:
                missing.append(f"{template.name}: {path}")
    assert not missing, "run scripts/assets.sh first?" if any("vendor/" in m for m in missing) else missing
