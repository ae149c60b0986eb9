"""Writes of organisation data by functional admins. Each is one transaction with its audit event."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import ModelForm

from wijkregie.core.audit import AuditActie, audit_object

from .models import Medewerker, Roltoewijzing
from .rules import is_functioneel_beheerder


def _require_beheerder(actor, gemeente_id) -> None:
    if not is_functioneel_beheerder(actor) or actor.gemeente_id != gemeente_id:
        raise PermissionDenied


def organisatiegegevens_save(*, actor: Medewerker, form: ModelForm):
    """Save a validated form for organisation data (wijk, locatie, team, sociale kaart, mandaat).

    The form has already bound the instance to the actor's gemeente; this checks it again so that a
    form cannot be used to write into another gemeente.
    """
    instance = form.instance
    nieuw = instance._state.adding
    _require_beheerder(actor, instance.gemeente_id)
    with transaction.atomic():
        instance = form.save()
        audit_object(
            actor=actor,
            actie=AuditActie.CREATE if nieuw else AuditActie.UPDATE,
            obj=instance,
            omschrijving=("velden: " + ", ".join(form.changed_data))[:200] if form.changed_data else "",
            grondslag="rol: functioneel beheerder",
        )
    return instance


def medewerker_save(
    *, actor: Medewerker, form: ModelForm, rollen: list[str], wachtwoord: str | None = None
) -> Medewerker:
    """Create or change a medewerker's account, with roles.

    A new account gets a first password only in demo mode; otherwise it has none until the person
    activates it through the link `medewerker_activatie_issue` gives (core/accounts.py).
    """
    medewerker = form.instance
    nieuw = medewerker._state.adding
    _require_beheerder(actor, medewerker.gemeente_id)
    with transaction.atomic():
        if nieuw:
            medewerker.set_password(wachtwoord) if wachtwoord else medewerker.set_unusable_password()
        medewerker = form.save()
        oud = set(medewerker.roltoewijzingen.values_list("rol", flat=True))
        nieuw_rollen = set(rollen)
        medewerker.roltoewijzingen.filter(rol__in=oud - nieuw_rollen).delete()
        Roltoewijzing.objects.bulk_create(
            [Roltoewijzing(medewerker=medewerker, rol=rol) for rol in sorted(nieuw_rollen - oud)]
        )
        medewerker.__dict__.pop("rollen", None)
        changed = list(form.changed_data)
        # Which roles were given or taken matters for accountability (who made themselves privacy officer?).
        changed += [f"+rol {r}" for r in sorted(nieuw_rollen - oud)] + [f"-rol {r}" for r in sorted(oud - nieuw_rollen)]
        audit_object(
            actor=actor,
            actie=AuditActie.CREATE if nieuw else AuditActie.UPDATE,
            obj=medewerker,
            omschrijving=("velden: " + ", ".join(changed))[:200] if changed else "",
            grondslag="rol: functioneel beheerder",
        )
    return medewerker


def medewerker_activatie_issue(*, actor: Medewerker, medewerker: Medewerker) -> str:
    """A one-time activation link for a new account (to be handed over by the beheerder); audited."""
    from wijkregie.core.accounts import activatie_issue

    _require_beheerder(actor, medewerker.gemeente_id)
    return activatie_issue(actor=actor, medewerker=medewerker)


def medewerker_tweestaps_reset(*, actor: Medewerker, medewerker: Medewerker) -> str:
    """Resets a medewerker's two-step login (lost phone): audited; the person must activate again."""
    from wijkregie.core.accounts import tweestaps_opnieuw

    _require_beheerder(actor, medewerker.gemeente_id)
    return tweestaps_opnieuw(actor=actor, medewerker=medewerker)


def leefgebieden_ensure(*, gemeente) -> None:
    """Gives a gemeente the default life domains (the 13 ZRM domains) if it has none yet."""
    from .models import ZRM_DOMEINEN, Leefgebied

    with transaction.atomic():
        if Leefgebied.objects.select_for_update().filter(gemeente=gemeente).exists():
            return
        Leefgebied.objects.bulk_create(
            [Leefgebied(gemeente=gemeente, naam=naam, volgorde=i) for i, naam in enumerate(ZRM_DOMEINEN, start=1)]
        )
