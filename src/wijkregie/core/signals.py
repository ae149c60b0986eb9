"""Log-in, log-out and failed log-ins are audit events (NEN 7513: access to the system itself)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.dispatch import receiver

from .audit import AuditActie, AuditResultaat, audit_log


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    with transaction.atomic():
        audit_log(actor=user, actie=AuditActie.EXECUTE, object_type="sessie", omschrijving="ingelogd")


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        with transaction.atomic():
            audit_log(actor=user, actie=AuditActie.EXECUTE, object_type="sessie", omschrijving="uitgelogd")


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    # Attributed to the gemeente of the account tried, so that its privacy officer sees attacks on
    # it; an unknown username goes to the system chain.
    from django.contrib.auth import get_user_model

    username = (credentials or {}).get("username", "")
    gemeente_id = (
        get_user_model().objects.filter(username=username).values_list("gemeente_id", flat=True).first()
        if username else None
    )
    with transaction.atomic():
        audit_log(
            actor=None, actie=AuditActie.EXECUTE, object_type="sessie", gemeente_id=gemeente_id,
            omschrijving=f"inloggen mislukt voor {username}"[:200] if gemeente_id else "inloggen mislukt",
            resultaat=AuditResultaat.MISLUKT, grondslag="geen",
        )
