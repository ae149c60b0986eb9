from django.contrib.auth.backends import ModelBackend


class WijkregieModelBackend(ModelBackend):
    """Password login, with Django's own permission tables used only by technical administrators.

    What medewerkers may do is decided by rules predicates over their roles (rules.py); asking the
    permission tables for them would cost two queries on every page for nothing.
    """

    def get_user(self, user_id):
        user_model = self.__class__._user_model()
        try:
            # The page shell shows the gemeente and the employer on every page: one query, not three.
            manager = user_model._default_manager
            # With the roles in the same query when the user model offers it (organisatie.Medewerker).
            qs = manager.met_rollen() if hasattr(manager, "met_rollen") else manager.all()
            user = qs.select_related("gemeente", "moederorganisatie").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    @staticmethod
    def _user_model():
        from django.contrib.auth import get_user_model

        return get_user_model()

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or not user_obj.is_staff:
            return set()
        return super().get_all_permissions(user_obj, obj)
