"""The iWmo/iJw messages in words a resident reads (the inzage, AVG art. 15): the exchange's own names (WMO301,
JW305), its provider codes and its retourcodes mean nothing outside the backoffice.

Kept out of istandaard/, which knows no Django (its code lists are the standard's, untranslated).
"""

from __future__ import annotations

import re

from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .istandaard import codes

#: Each message from the sender's side. A retour is the receiver's confirmation that the message arrived and
#: whether it could be processed (OP090); the 319 is the gemeente's answer to a provider's 315/317.
IN_WOORDEN = {
    301: _("toewijzing van de gemeente aan de zorgaanbieder"),
    302: _("ontvangstbevestiging van de zorgaanbieder op een toewijzing"),
    305: _("melding van de zorgaanbieder dat de hulp is begonnen"),
    306: _("ontvangstbevestiging van de gemeente op een melding dat de hulp is begonnen"),
    307: _("melding van de zorgaanbieder dat de hulp is gestopt"),
    308: _("ontvangstbevestiging van de gemeente op een melding dat de hulp is gestopt"),
    315: _("verzoek van de zorgaanbieder om hulp toe te wijzen"),
    316: _("ontvangstbevestiging van de gemeente op een verzoek om hulp toe te wijzen"),
    317: _("verzoek van de zorgaanbieder om de hulp te wijzigen"),
    318: _("ontvangstbevestiging van de gemeente op een verzoek om de hulp te wijzigen"),
    319: _("antwoord van de gemeente op een verzoek van de zorgaanbieder"),
    320: _("ontvangstbevestiging van de zorgaanbieder op een antwoord van de gemeente"),
}

#: The law a message falls under, as the resident's letters name it.
WET_IN_WOORDEN = {codes.WMO: _("Wmo"), codes.JW: _("Jeugdwet")}


def soort_in_woorden(naam: str) -> str:
    """'WMO301' → 'toewijzing van de gemeente aan de zorgaanbieder'; a name it does not know stays as it is."""
    soort = codes.SOORTEN.get(naam)
    return str(IN_WOORDEN[soort.nummer]) if soort is not None and soort.nummer in IN_WOORDEN else naam


def wet_in_woorden(naam: str) -> str:
    soort = codes.SOORTEN.get(naam)
    return str(WET_IN_WOORDEN[soort.standaard]) if soort is not None else ""


_SOORT_VOORAAN = re.compile(r"^(?:WMO|JW)\d{3}\b")
_RETOURCODES_ACHTERAAN = re.compile(r" \(([0-9A-Z]{4}(?:,[0-9A-Z]{4})*)\)$")


def omschrijving_in_woorden(omschrijving: str) -> str:
    """A message's line in the audit trail (backoffice.berichten: 'WMO305 ontvangen: Verwerkt (0200)') as the
    resident reads it: the message in words, and the retourcodes by their meaning, "no remark" (0200) left out."""
    tekst = _SOORT_VOORAAN.sub(lambda m: capfirst(soort_in_woorden(m.group(0))), omschrijving)
    if gevonden := _RETOURCODES_ACHTERAAN.search(tekst):
        betekenissen = [codes.retourcode_betekenis(c).rstrip(".") for c in gevonden.group(1).split(",")
                        if c != codes.GOED]
        tekst = tekst[:gevonden.start()] + (f" ({'; '.join(betekenissen)})" if betekenissen else "")
    return tekst
