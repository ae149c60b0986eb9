"""The soak's accounting (bench/soak.py) and marker parsing (bench/soak_check.py): pure functions.

bench/ is outside the suite's testpaths; run with
    .venv/bin/pytest -q -p no:randomly -p no:django bench/test_soak.py
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from soak import account, verdict  # noqa: E402
from soak_check import marker_of  # noqa: E402

T0 = 1000.0


def write(key, t0, outcome="acked"):
    return {"kind": key.split(":")[0], "key": key, "t0": T0 + t0, "t1": T0 + t0 + 0.5, "outcome": outcome}


def error(t0, t1, what="x"):
    return {"t0": T0 + t0, "t1": T0 + t1, "what": what}


WINDOWS = [{"name": "pg_kill #1", "start": T0 + 10, "end": T0 + 15}]


def test_an_acknowledged_write_not_in_the_database_is_lost_in_the_period_it_started():
    writes = [write("contactmoment:A", 1), write("contactmoment:B", 12), write("aanmelding:C", 20)]
    result = account(writes, {"contactmoment:A", "aanmelding:C"}, WINDOWS, [], [], T0, T0 + 30, bound=5)
    quiet, fault = result["rows"]
    assert (quiet["acked"], quiet["stored"], quiet["lost"]) == (1, 1, [])
    assert (fault["acked"], fault["stored"], fault["lost"]) == (2, 1, ["contactmoment:B"])
    assert result["lost"] == 1


def test_a_write_stored_without_acknowledgement_is_not_lost_but_counted():
    writes = [write("doel:D", 11, outcome="failed")]
    result = account(writes, {"doel:D"}, WINDOWS, [], [], T0, T0 + 30, bound=5)
    assert result["lost"] == 0 and result["rows"][1]["stored_unacked"] == 1


def test_errors_of_requests_cut_off_by_the_fault_belong_to_it_later_ones_are_outside():
    errors = [error(8, 10.1), error(14, 16), error(19, 19.5), error(25, 25.2, "late")]
    result = account([], set(), WINDOWS, errors, [], T0, T0 + 30, bound=5)
    fault = result["rows"][1]
    assert fault["errors_in_fault"] == 3
    assert [e["what"] for e in fault["errors_outside"]] == ["late"]
    assert result["errors_outside"] == 1


def test_recovery_is_the_first_good_probe_after_the_fault_ended_and_must_be_within_the_bound():
    probes = [(T0 + 14, True, T0 + 14.1), (T0 + 15.5, False, T0 + 16), (T0 + 17, True, T0 + 17.25)]
    result = account([], set(), WINDOWS, [], probes, T0, T0 + 30, bound=5)
    assert result["rows"][1]["recovery_s"] == 2.25 and result["unrecovered"] == []
    late = account([], set(), WINDOWS, [], [(T0 + 40, True, T0 + 40.1)], T0, T0 + 50, bound=5)
    assert late["unrecovered"] == ["pg_kill #1"]


def test_the_verdict_fails_on_a_lost_write_a_half_written_record_or_a_broken_chain():
    ok = {"accounting": account([write("aanmelding:A", 1)], {"aanmelding:A"}, [], [], [], T0, T0 + 5, 5),
          "half_written": [], "audit_verify": {"ok": True}, "workers_at_end": 4, "workers": 4, "bound": 5,
          "recovery_bound": 5}
    assert verdict(ok) == []
    assert verdict({**ok, "half_written": [{"check": "x"}]}) == ["1 half-written records"]
    assert verdict({**ok, "audit_verify": {"ok": False}}) == ["the audit chain does not verify"]
    lost = {**ok, "accounting": account([write("aanmelding:A", 1)], set(), [], [], [], T0, T0 + 5, 5)}
    assert verdict(lost) == ["1 acknowledged writes lost"]


def test_the_marker_is_read_back_from_the_text_it_was_written_into():
    assert marker_of("Gebeld over de afspraak. [SOAK-114500-3-17]") == "SOAK-114500-3-17"
    assert marker_of("Wil hulp bij de administratie.") is None


def test_latency_leaves_out_requests_started_in_a_fault_or_its_bound():
    from soak import latency

    samples = [(T0 + 1, 0.2), (T0 + 2, 0.4), (T0 + 12, 30.0), (T0 + 25, 0.3)]
    assert latency(samples, WINDOWS, bound=5) == {"requests": 3, "p50": 0.3, "p95": 0.4, "max": 0.4}


def test_a_slow_machine_widens_the_recovery_bound_not_the_error_bound():
    result = account([], set(), WINDOWS, [], [(T0 + 16, True, T0 + 35)], T0, T0 + 50, bound=5, recovery_bound=25)
    assert result["rows"][1]["recovery_s"] == 20 and result["unrecovered"] == []
