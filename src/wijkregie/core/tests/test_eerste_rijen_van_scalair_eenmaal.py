"""eerste_rijen_van's subquery for a related object is made once per model, path and fields (issue 17: a sixth of
the Python of building a user's start page statement the first time) and reused in every statement: Django
resolves a copy of it into each, so a statement built with the kept expressions is the statement built without,
whatever was built with them in between (a union of several lists renames their tables' aliases), and each list
reads the fields it asked for."""

from django.db import connection

from wijkregie.core import querying
from wijkregie.core.querying import _samenstellen, eerste_rijen_van
from wijkregie.testing import make_persoon
from wijkregie.toegang.models import Aanmelding, Toedeling


def _sql(bronnen):
    samen, _opzet = _samenstellen(bronnen, door=False)
    return samen.query.get_compiler(connection=connection).as_sql()


def _bronnen(gemeente_id):
    return {
        "toedelingen": (Toedeling.objects.filter(gemeente_id=gemeente_id).order_by("pk"), 10, None,
                        ("aanmelding", "aanmelding__persoon", "aanmelding__triage", "team")),
        "aanmeldingen": (Aanmelding.objects.filter(gemeente_id=gemeente_id).order_by("pk"), 5, None,
                         {"persoon": ["voornamen", "achternaam"], "team": None}),
        # The same path with every field: an expression of its own.
        "nieuw": (Aanmelding.objects.filter(gemeente_id=gemeente_id, eerste_contact_op__isnull=True)
                  .order_by("-pk"), 5, None, ("persoon",)),
    }


def test_a_statement_built_with_the_kept_subqueries_is_the_one_built_without(world, monkeypatch):
    with monkeypatch.context() as zonder:
        zonder.setattr(querying, "_scalair_van", querying._scalair_van.__wrapped__)
        vers = _sql(_bronnen(world.den_helder.pk))
    querying._scalair_van.cache_clear()
    assert _sql(_bronnen(world.den_helder.pk)) == vers
    # Others built with the same kept expressions, in other unions and for another gemeente.
    _sql({"alleen": _bronnen(world.voorbeeld.pk)["aanmeldingen"]})
    _sql(_bronnen(world.voorbeeld.pk))
    hits = querying._scalair_van.cache_info().hits
    assert _sql(_bronnen(world.den_helder.pk)) == vers
    assert querying._scalair_van.cache_info().hits > hits


def test_each_list_reads_the_fields_it_asked_for(world):
    persoon = make_persoon(world, "Kees", "Velden", bsn="111222333")
    Aanmelding.objects.create(gemeente=world.den_helder, kanaal="telefoon", vraag="Een vraag", persoon=persoon)
    querying._scalair_van.cache_clear()
    for _ in range(2):  # made, then kept
        rijen = eerste_rijen_van(_bronnen(world.den_helder.pk))
        alleen_naam, heel = rijen["aanmeldingen"][0].persoon, rijen["nieuw"][0].persoon
        assert (alleen_naam.achternaam, heel.achternaam) == ("Velden", "Velden")
        assert "bsn" in alleen_naam.get_deferred_fields()
        assert "bsn" not in heel.get_deferred_fields() and heel.bsn == "111222333"
