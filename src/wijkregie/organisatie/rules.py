"""Action rules (django-rules), stated in terms of roles and the visible_to selectors."""

import rules

from .models import Rol


@rules.predicate
def is_functioneel_beheerder(user) -> bool:
    return user.is_authenticated and user.gemeente_id is not None and user.heeft_rol(Rol.FUNCTIONEEL_BEHEERDER)


@rules.predicate
def is_privacyfunctionaris(user) -> bool:
    return user.is_authenticated and user.gemeente_id is not None and user.heeft_rol(Rol.PRIVACYFUNCTIONARIS)


rules.add_perm("organisatie.beheren", is_functioneel_beheerder)
rules.add_perm("core.audit_inzien", is_privacyfunctionaris)
