"""Action rules (django-rules): one predicate per action, stated in terms of the role groups of the
access policy (toegangsbeleid.py). Views, services, menus and templates all ask these
(`user.has_perm("toegang.toedelen")`, `{% if perms.toegang.toedelen %}`); rules about one file live
in that app's rules.py and are stated in terms of its visible_to selectors.
"""

import rules

from .models import Rol
from .toegangsbeleid import (
    BELEIDSROLLEN,
    MANDAATREGISTER_ROLLEN,
    MONITORROLLEN,
    REGISTRERENDE_ROLLEN,
    SIGNAALROLLEN,
    TEAMROLLEN,
    TOEDELENDE_ROLLEN,
    WACHTRIJ_ROLLEN,
)


def heeft_rol_uit(rollen, naam: str):
    @rules.predicate(name=naam)
    def predicate(user) -> bool:
        return bool(
            user.is_authenticated and getattr(user, "gemeente_id", None) is not None and user.heeft_rol(*rollen)
        )

    return predicate


is_functioneel_beheerder = heeft_rol_uit((Rol.FUNCTIONEEL_BEHEERDER,), "is_functioneel_beheerder")
is_privacyfunctionaris = heeft_rol_uit((Rol.PRIVACYFUNCTIONARIS,), "is_privacyfunctionaris")
is_registrerend = heeft_rol_uit(REGISTRERENDE_ROLLEN, "is_registrerend")
is_toedelend = heeft_rol_uit(TOEDELENDE_ROLLEN, "is_toedelend")
volgt_wachtrij = heeft_rol_uit(WACHTRIJ_ROLLEN, "volgt_wachtrij")
is_beleid = heeft_rol_uit(BELEIDSROLLEN, "is_beleid")
werkt_in_team = heeft_rol_uit(TEAMROLLEN, "werkt_in_team")
volgt_signalen = heeft_rol_uit(SIGNAALROLLEN, "volgt_signalen")
is_teamleider = heeft_rol_uit((Rol.TEAMLEIDER,), "is_teamleider")
ziet_monitor = heeft_rol_uit(MONITORROLLEN, "ziet_monitor")
leest_mandaatregister = heeft_rol_uit(MANDAATREGISTER_ROLLEN, "leest_mandaatregister")

rules.add_perm("organisatie.beheren", is_functioneel_beheerder)
rules.add_perm("organisatie.mandaatregister", leest_mandaatregister)
rules.add_perm("core.audit_inzien", is_privacyfunctionaris)
rules.add_perm("inwoners.registreren", is_registrerend)
rules.add_perm("toegang.toedelen", is_toedelend)
rules.add_perm("toegang.wachtrij", volgt_wachtrij)
rules.add_perm("toegang.signalen", volgt_signalen)
rules.add_perm("casus.lijst", werkt_in_team)
rules.add_perm("regie.caseload", is_teamleider)
# Only the gedragswetenschapper lifts a lasting safety flag (and so closes such a casus).
rules.add_perm("regie.veiligheidsvlag_opheffen", heeft_rol_uit((Rol.GEDRAGSWETENSCHAPPER,), "is_gedragswetenschapper"))
# The teams' hours on the start page: who distributes or plans the work.
rules.add_perm("organisatie.teamuren", heeft_rol_uit(
    (Rol.TEAMLEIDER, Rol.BUREAUDIENST, Rol.BELEIDSMEDEWERKER, Rol.GEDRAGSWETENSCHAPPER), "plant_teams"))
rules.add_perm("monitor.wijkcijfers", heeft_rol_uit((Rol.BELEIDSMEDEWERKER,), "is_beleidsmedewerker"))
rules.add_perm("monitor.gemeente", is_beleid)
rules.add_perm("monitor.zien", ziet_monitor)
rules.add_perm("monitor.onderzoek", heeft_rol_uit((Rol.BELEIDSMEDEWERKER,), "is_beleidsmedewerker"))
rules.add_perm("monitor.ervaringen", werkt_in_team)
rules.add_perm("monitor.ervaring_instellen", is_teamleider)
