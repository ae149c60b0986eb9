"""The cliëntervaring (Uitvoeringsregeling Wmo 2015 art. 8): the questionnaire and the figures it gives.

The invitations and answers are written by services.py, the pages are views/survey.py; this module says
what is asked and how the answers of a period are counted (aggregates only, never one resident's answers).
"""

from __future__ import annotations

from django.db.models import Avg, Count, Q
from django.utils.translation import gettext_lazy as _

from .figures import Rij, n_procent, procent
from .models import Clientervaring
from .scope import Filter, casus_scope

# The statements, grouped by the three subjects of art. 8 (field, subject as used in exports, statement).
# Short on purpose: residents answer on a phone. Each field is a column of Clientervaring.
VRAGEN = [
    ("weten", "toegankelijkheid", _("Ik wist waar ik met mijn vraag terecht kon.")),
    ("snel", "toegankelijkheid", _("Ik werd snel geholpen.")),
    ("serieus", "toegankelijkheid", _("De medewerker nam mij serieus.")),
    ("samen", "kwaliteit", _("De medewerker en ik hebben samen naar oplossingen gezocht.")),
    ("kwaliteit", "kwaliteit", _("De hulp die ik kreeg was goed.")),
    ("redden", "zelfredzaamheid en participatie", _("Door de hulp kan ik mij beter redden.")),
    ("meedoen", "zelfredzaamheid en participatie", _("Door de hulp kan ik beter meedoen met anderen.")),
]
ONDERWERPEN = {
    "toegankelijkheid": _("Toegankelijkheid"),
    "kwaliteit": _("Kwaliteit"),
    "zelfredzaamheid en participatie": _("Bijdrage aan zelfredzaamheid en participatie"),
}

# Breakdown codes of the indicator `clientervaring` (definitions.py says how they read).
RESPONS = "respons (procent)"
RAPPORTCIJFER = "rapportcijfer (gemiddeld)"
EENS_VANAF = 4  # Eens or Helemaal eens


def stelling(onderwerp: str, veld: str) -> str:
    """The breakdown code of one statement: the share that (fully) agrees."""
    return f"{onderwerp}|{veld}|eens (procent)"


def clientervaring_rijen(f: Filter) -> list[Rij]:
    """Response to the period's invitations, agreement per statement and the mean mark of the period's answers."""
    # One query: invitations of the period and answers given in the period (not always the same rows).
    uitgenodigd = Q(uitgenodigd_op__gte=f.begin, uitgenodigd_op__lt=f.eind)
    beantwoord = Q(beantwoord_op__gte=f.begin, beantwoord_op__lt=f.eind)
    qs = casus_scope(
        Clientervaring.objects.filter(Q(gemeente=f.gemeente) & (uitgenodigd | beantwoord)), f, "casus", "uitgenodigd_op"
    )
    aggregaten = {
        "uitgenodigd": Count("pk", filter=uitgenodigd),
        "uitgenodigd_beantwoord": Count("pk", filter=uitgenodigd & Q(beantwoord_op__isnull=False)),
        "cijfer": Avg("rapportcijfer", filter=beantwoord), "cijfers": Count("rapportcijfer", filter=beantwoord),
    }
    for veld, _onderwerp, _tekst in VRAGEN:
        aggregaten[f"{veld}_eens"] = Count("pk", filter=beantwoord & Q(**{f"{veld}__gte": EENS_VANAF}))
        aggregaten[f"{veld}_n"] = Count(veld, filter=beantwoord)
    a = qs.aggregate(**aggregaten)
    rijen = []
    if a["uitgenodigd"]:
        rijen.append(Rij("clientervaring", RESPONS, procent(a["uitgenodigd_beantwoord"], a["uitgenodigd"]),
                         n_procent(a["uitgenodigd_beantwoord"], a["uitgenodigd"])))
    for veld, onderwerp, _tekst in VRAGEN:
        if a[f"{veld}_n"]:
            rijen.append(Rij("clientervaring", stelling(onderwerp, veld),
                             procent(a[f"{veld}_eens"], a[f"{veld}_n"]), n_procent(a[f"{veld}_eens"], a[f"{veld}_n"])))
    if a["cijfers"]:
        rijen.append(Rij("clientervaring", RAPPORTCIJFER, round(a["cijfer"], 1), a["cijfers"]))
    return rijen
