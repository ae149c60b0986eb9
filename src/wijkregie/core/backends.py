from django.contrib.auth.backends import ModelBackend


class WijkregieModelBackend(ModelBackend):
    """Password login, with Django's own permission tables used only by technical administrators.

    What medewerkers may do is decided by rules predicates over their roles (rules.py); asking the
    permission tables for them would cost two queries on every page for nothing.
    """

    def get_user(self, user_id):
        user_model = self.__class__._user_model()
        manager = user_model._default_manager
        if hasattr(manager, "rollen_expressie"):
            user = _gebruiker(user_model, manager, user_id)
        else:
            try:
                user = manager.select_related("gemeente", "moederorganisatie").get(pk=user_id)
            except user_model.DoesNotExist:
                return None
        return user if user is not None and self.user_can_authenticate(user) else None

    @staticmethod
    def _user_model():
        from django.contrib.auth import get_user_model

        return get_user_model()

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or not user_obj.is_staff:
            return set()
        return super().get_all_permissions(user_obj, obj)


def _gebruiker(user_model, manager, user_id):
    """The request's user (organisatie.Medewerker), with what the page shell shows on every page (the gemeente,
    the employer) and the roles that decide the menu and every visibility rule, in one query.

    Every request asks it, the same statement for the same user all day: built and compiled once per process
    (core.querying.eerste_rijen_van with a key, issue 17: building and compiling it was a tenth of the
    server's Python time per request). Every field is read, so the instance is whole (a password change saves it).
    """
    from wijkregie.core.querying import eerste_rijen_van

    def bronnen(gebruiker_id):
        return {"gebruiker": (manager.filter(pk=gebruiker_id).order_by(), 1, None, ("gemeente", "moederorganisatie"),
                              {"rollen_tekst": manager.rollen_expressie()})}

    rijen = eerste_rijen_van(bronnen, sleutel=("core.gebruiker",), model=user_model,
                             invullen={"gebruiker_id": user_id})["gebruiker"]
    return rijen[0] if rijen else None
