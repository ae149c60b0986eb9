"""Action rules of the backoffice (django-rules, autodiscovered): who decides on maatwerk requests.

Only the backoffice role decides (seed 004: the team asks, the backoffice decides and issues); whether
the decider may decide *this* request is the mandaat's question, asked by the service on the day.
"""

import rules

from wijkregie.organisatie.models import Rol
from wijkregie.organisatie.rules import heeft_rol_uit

is_backoffice = heeft_rol_uit((Rol.BACKOFFICE,), "is_backoffice")

rules.add_perm("backoffice.beslissen", is_backoffice)

# CBS (backoffice/cbs.py): the record-level Beleidsinformatie Jeugd delivery is the backoffice's; the Wmo figures
# of the Gemeentelijke Monitor Sociaal Domein are aggregates, for the beleidsmedewerker (and the backoffice).
rules.add_perm("backoffice.cbs_jeugd", is_backoffice)
rules.add_perm("backoffice.cbs_wmo", heeft_rol_uit((Rol.BELEIDSMEDEWERKER, Rol.BACKOFFICE), "ziet_gmsd"))
