"""A choices field's values in the SQL text on PostgreSQL (core/keuzewaarden.py, issue 17): the same rows as
Django's own lookups, anything that is not a choice still a parameter, and the plan PostgreSQL keeps for every
request able to use the partial index made for a status."""

import pytest
from django.db import connection, transaction
from django.db.models import Q

from wijkregie.inwoners.models import Persoon
from wijkregie.toegang.models import Aanmelding, AanmeldingStatus, Kanaal

pytestmark = pytest.mark.django_db


def _aanmeldingen(world) -> dict[str, Aanmelding]:
    return {status: Aanmelding.objects.create(gemeente=world.den_helder, kanaal=Kanaal.TELEFOON, vraag="Vraag",
                                              anoniem_naam="Beller", status=status)
            for status in AanmeldingStatus.values}


def _sql(qs) -> tuple[str, tuple]:
    sql, params = qs.query.get_compiler(using="default").as_sql()
    return sql, tuple(params)


def test_choices_select_the_same_rows_as_djangos_lookups(world):
    rij = _aanmeldingen(world)
    eigen = Aanmelding.objects.filter(gemeente=world.den_helder)

    assert set(eigen.filter(status__in=[AanmeldingStatus.NIEUW, "bureaudienst", "nieuw", None])) == {
        rij["nieuw"], rij["bureaudienst"]}
    assert list(eigen.filter(status=AanmeldingStatus.TOEGEDEELD)) == [rij["toegedeeld"]]
    assert set(eigen.exclude(status="voorkant")) == set(rij.values()) - {rij["voorkant"]}
    assert set(eigen.filter(Q(status="voorkant") | Q(status__in=["toegedeeld"]))) == {
        rij["voorkant"], rij["toegedeeld"]}
    assert not eigen.filter(status__in=[None]).exists()


def test_on_postgresql_a_choice_is_text_and_the_rest_a_parameter(world):
    sql, params = _sql(Aanmelding.objects.filter(gemeente=world.den_helder, status__in=[
        AanmeldingStatus.TOEGEDEELD, "nieuw", "nieuw"]).exclude(status="voorkant"))
    if connection.vendor == "postgresql":
        assert """"status" IN ('nieuw', 'toegedeeld')""" in sql and """"status" = 'voorkant'""" in sql
        assert params == (world.den_helder.pk,)
    else:  # SQLite keeps no plans: Django's parameters as they are
        assert "'nieuw'" not in sql and params == (world.den_helder.pk, "toegedeeld", "nieuw", "voorkant")


def test_a_value_that_is_not_a_choice_stays_a_parameter(world):
    _aanmeldingen(world)
    kwaad = "nieuw' OR 'a' = 'a"
    sql, params = _sql(Aanmelding.objects.filter(status=kwaad))
    assert kwaad in params and kwaad not in sql
    assert not Aanmelding.objects.filter(status=kwaad).exists()
    assert not Aanmelding.objects.filter(status__in=["nieuw", kwaad]).exclude(status="nieuw").exists()
    sql, params = _sql(Aanmelding.objects.filter(status__in=["nieuw", kwaad]))
    assert kwaad in params and "'nieuw'" not in sql
    # A field without choices: what a user typed, never text.
    sql, params = _sql(Persoon.objects.filter(achternaam="nieuw"))
    assert params == ("nieuw",) and "'nieuw'" not in sql


def test_the_plan_kept_for_every_request_uses_the_partial_index_of_a_status(world):
    _aanmeldingen(world)
    if connection.vendor != "postgresql":
        return  # SQLite prepares no plan to keep; the rows are tested above
    # The start page's "waiting for a first contact": its partial index says `NOT status = 'voorkant'`. A plan made
    # once for every value of the parameters (what PostgreSQL keeps for a prepared statement) can use it only when
    # 'voorkant' is in the text; seq scans are switched off so that the planner takes the index whenever it can.
    qs = Aanmelding.objects.filter(gemeente=world.den_helder, eerste_contact_op__isnull=True).exclude(
        status=AanmeldingStatus.VOORKANT).values_list("pk", flat=True)
    sql, params = _sql(qs)
    assert all(isinstance(p, int) for p in params)  # written into EXECUTE below, which takes no parameters
    with transaction.atomic(), connection.cursor() as cursor:
        # SET LOCAL: gone with the transaction, whatever happens here.
        cursor.execute("SET LOCAL plan_cache_mode = force_generic_plan")
        cursor.execute("SET LOCAL enable_seqscan = off")
        # psycopg prepares the statement under a name of its own; its generic plan is then asked for by that name.
        cursor.cursor.execute(sql, params, prepare=True)
        cursor.execute("SELECT name FROM pg_prepared_statements WHERE statement = %s", [sql.replace("%s", "$1")])
        naam = cursor.fetchone()[0]
        cursor.execute(f'EXPLAIN EXECUTE "{naam}"({", ".join(str(p) for p in params)})')
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert "aanmelding_wacht_op_contact" in plan, plan


def test_across_a_join_under_a_transform_and_negated_as_django(world):
    from django.contrib.postgres.lookups import Unaccent  # noqa: F401  (registers __unaccent on CharField)

    rij = _aanmeldingen(world)
    eigen = Aanmelding.objects.filter(gemeente=world.den_helder)
    assert set(eigen.exclude(status__in=["voorkant", "nieuw"])) == {rij["bureaudienst"], rij["toegedeeld"]}
    # Through a relation: the joined column's choices.
    sql, params = _sql(eigen.filter(casus__status__in=["plan", "uitvoering"]))
    assert not eigen.filter(casus__status__in=["plan", "uitvoering"]).exists()
    if connection.vendor == "postgresql":
        assert """"casus_casus"."status" IN ('plan', 'uitvoering')""" in sql and "plan" not in params
    # A transform on both sides (unaccent) is Django's to write: the value stays a parameter under it.
    sql, params = _sql(Aanmelding.objects.filter(status__unaccent="nieuw"))
    assert "'nieuw'" not in sql and "nieuw" in params
