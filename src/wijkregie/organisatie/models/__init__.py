"""The organisation of a gemeente's social domain, one module per concept: the map (wijken, postcodegebieden,
locaties and their phases), the sociale kaart (organisaties, voorzieningen), medewerkers and their roles,
teams and their members, mandaten, and leefgebieden.

Names follow GLOSSARY.md. Every model carries its gemeente (tenancy, DESIGN.md). Every model is imported
here, so `from wijkregie.organisatie.models import X` works for all of them and Django registers them all.
"""

from .leefgebieden import ZRM_DOMEINEN, Leefgebied
from .mandaten import Mandaat
from .medewerkers import Medewerker, MedewerkerManager, Rol, Roltoewijzing
from .sociale_kaart import Organisatie, OrganisatieSoort, Toegankelijkheid, Voorziening, Wet
from .teams import Team, Teamlid
from .wijken import Locatie, LocatieFase, Model, Postcodegebied, Problematiek, Wijk

__all__ = [
    "ZRM_DOMEINEN", "Leefgebied", "Locatie", "LocatieFase", "Mandaat", "Medewerker", "MedewerkerManager", "Model",
    "Organisatie", "OrganisatieSoort", "Postcodegebied", "Problematiek", "Rol", "Roltoewijzing", "Team", "Teamlid",
    "Toegankelijkheid", "Voorziening", "Wet", "Wijk",
]
