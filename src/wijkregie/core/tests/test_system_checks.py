"""Django's system checks print nothing when the application starts: `make run` and every management command show
no warning a new user would have to look up. The one check the settings silence (templates.W003, two modules for one
library name) still holds for every name but the i18n and static libraries that wijkregie takes the place of on
purpose."""

import io

from django.core.management import call_command
from django.template import engines


def test_checks_give_no_warning():
    uit = io.StringIO()
    # fail_level WARNING: a warning raises SystemCheckError, so a new one fails this test with its text.
    call_command("check", fail_level="WARNING", stdout=uit, stderr=uit)
    assert "no issues" in uit.getvalue()


def test_only_i18n_and_static_have_two_modules():
    waarschuwingen = engines["django"]._check_for_template_tags_with_the_same_name()
    assert [w.id for w in waarschuwingen] == ["templates.W003", "templates.W003"]
    teksten = sorted(w.msg for w in waarschuwingen)
    assert teksten[0].startswith("'i18n' is used for multiple template tag modules: ")
    assert "'wijkregie.core.templatetags.i18n_bewaard'" in teksten[0]
    assert teksten[1].startswith("'static' is used for multiple template tag modules: ")
    assert "'wijkregie.core.templatetags.static_bewaard'" in teksten[1]
