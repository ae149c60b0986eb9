"""A portal user never gets a staff page: walking every named URL of the application outside the portal
as a logged-in portal user gives the staff login (a redirect), a 401 on the API, or a refusal, never a
page with data; the few public pages (login, health, the resident's forms) stay public and show nothing
of the file. A portal user is never Django's request.user, so no staff rule can take them for a colleague."""

import json

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.exceptions import NoReverseMatch

from wijkregie.api.tests.helpers import gedeeld_huishouden
from wijkregie.testing import make_persoon

from .helpers import portaal_login

MARKERS = ("Anouk", "voetbal", "Bloeddruk", "Geheimenaam")


def _staff_urls():
    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, f"{prefix}{entry.namespace}:" if entry.namespace else prefix)
            elif isinstance(entry, URLPattern) and entry.name:
                yield f"{prefix}{entry.name}", entry
    # Every staff page, the portal's own staff page (the beheerder's accounts) included.
    return sorted({naam: p for naam, p in walk(get_resolver())
                   if not naam.startswith("portaal:") or naam == "portaal:beheer_accounts"}.items())


def _args(pattern, pk):
    kwargs = {}
    for naam in pattern.pattern.regex.groupindex:
        kwargs[naam] = {"pk": pk, "versie": 1, "toestemming_pk": pk, "soort": "wijken", "formaat": "csv",
                        "slug": "nieuw-den-helder", "gemeente": "den-helder", "token": "x",
                        "id": "00000000-0000-4000-8000-000000000000"}.get(naam, pk)
    return kwargs


def test_a_portal_user_is_refused_on_every_staff_url(client, world, praktijk, assistent):
    casus, moeder, kind = gedeeld_huishouden(world, praktijk)
    geheim = make_persoon(world, "Geheimenaam", "Test", team=world.team_noord, regisseur=world.medewerker)
    portaal_login(client, assistent)
    gezien = 0
    for naam, pattern in _staff_urls():
        for pk in (casus.pk, moeder.pk, geheim.pk):
            try:
                pad = reverse(naam, kwargs=_args(pattern, pk))
            except NoReverseMatch:
                continue
            publiek = getattr(pattern.callback, "toegangsbeleid", {}).get("publiek", False)
            for response in (client.get(pad), client.post(pad, json.dumps({}), content_type="application/json")):
                inhoud = (
                    response.content.decode("utf-8", "replace") if not getattr(response, "streaming", False) else ""
                )
                assert not any(m in inhoud for m in MARKERS), (naam, response.status_code)
                if publiek or naam in ("api:schema", "api:openapi", "admin:login"):  # public, without data
                    continue
                assert response.status_code in (302, 401, 403, 404, 405), (naam, response.status_code)
                if response.status_code == 302:
                    # The staff login (Django's admin has a login page of its own).
                    assert response["Location"].startswith((reverse("core:login"), reverse("admin:login"))), (
                        naam, response["Location"])
            gezien += 1
    assert gezien > 50  # the walk really covered the staff application
    # Still logged in to the portal afterwards: the staff pages did not take the session over.
    assert client.get(reverse("portaal:start")).status_code == 200
