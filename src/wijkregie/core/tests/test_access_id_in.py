"""`id_in`: the access policy's lists of ids (one array parameter on PostgreSQL) select exactly what `__in` does."""

import pytest
from django.db.models import Q

from wijkregie.core.access import id_in
from wijkregie.core.models import Gemeente

pytestmark = pytest.mark.django_db


def test_it_selects_the_same_rows_as_in(world):
    ids = [world.den_helder.pk, world.voorbeeld.pk]
    assert set(Gemeente.objects.filter(id_in("pk", ids))) == set(Gemeente.objects.filter(pk__in=ids))
    assert list(Gemeente.objects.filter(id_in("pk", [world.voorbeeld.pk]))) == [world.voorbeeld]


def test_an_empty_list_selects_nothing_and_leaves_an_or_intact(world):
    assert not Gemeente.objects.filter(id_in("pk", [])).exists()
    either = Gemeente.objects.filter(id_in("pk", []) | Q(pk=world.den_helder.pk))
    assert list(either) == [world.den_helder]
    assert Gemeente.objects.exclude(id_in("pk", [])).count() == Gemeente.objects.count()


def test_the_ids_are_one_parameter_made_once_and_never_shown(world):
    from django.db import connection

    from wijkregie.core.access import Ids

    ids = Ids([world.den_helder.pk, str(world.voorbeeld.pk)])  # as ints, whatever was read
    qs = Gemeente.objects.filter(id_in("pk", ids) | id_in("pk", ids))
    sql, params = qs.query.get_compiler(using="default").as_sql()
    if connection.vendor == "postgresql":
        # One text parameter per place, the same string object: written out once, not once per place.
        tekst = f"{{{world.den_helder.pk},{world.voorbeeld.pk}}}"
        assert params == (tekst, tekst) and params[0] is params[1]
    else:
        assert params == (world.den_helder.pk, world.voorbeeld.pk) * 2
    assert set(qs) == {world.den_helder, world.voorbeeld}
    assert repr(ids) == "Ids(2)"  # no ids in a message or a log line
