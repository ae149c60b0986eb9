"""The OpenAPI 3 document at /api/v1/schema/ is valid, without warnings, and states the key, the scopes'
refusals and the Dutch problem+json of every operation."""

import io

import yaml
from django.core.management import call_command


def test_the_document_is_valid_openapi_without_warnings(db):
    out = io.StringIO()
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=out)
    document = yaml.safe_load(out.getvalue())
    assert document["openapi"].startswith("3.") and document["info"]["version"] == "1.0.0"
    assert document["components"]["securitySchemes"]["apiSleutel"]["scheme"] == "bearer"
    for pad, operaties in document["paths"].items():
        assert pad.startswith("/api/v1/")
        for methode, operatie in operaties.items():
            assert operatie["security"] == [{"apiSleutel": []}], (pad, methode)
            for code in ("401", "403", "429"):
                assert "application/problem+json" in operatie["responses"][code]["content"], (pad, methode, code)
    probleem = document["components"]["schemas"]["Probleem"]
    assert {"type", "title", "status", "detail", "invalid-params"} <= set(probleem["properties"])
