"""The inzage (AVG art. 15, the right of access; art. 20, data portability; NEN 7513 §5): for one
resident, everything wijkregie holds about them and who saw or changed it, when, in which role and on
which ground.

Produced by the privacy officer on a registered request (`Inzageverzoek`): the one exception to "the
privacy officer sees the audit trail, never files" (docs/toegangsbeleid.md, docs/privacy.md). It reads
the models directly, not through the `*_visible_to` selectors, because the resident's right reaches
every record whoever may see it; the request itself is what opens it, and producing it is audited.

One builder (`inzage_gegevens`) makes the content as plain data; the PDF (plain Dutch, WeasyPrint) and
the JSON are two renderings of that same content, so they cannot say different things.

What is left out, and why (art. 15(4): the rights of others):
- other household members' own data (their ZRM scores, consents, goals only for them): each member may
  ask for their own inzage; their names appear where the resident's own record names them;
- colleagues' names in the trail: each reader is shown by role and organisation (NEN 7513 asks for the
  role; the organisation says who the resident can turn to). Names of the resident's own regisseur and
  contacts stay where the file shows them, as the resident knows them.
Before handing it over the privacy officer checks for third parties' interests (Jeugdwet art. 7.3.10).
Messages with providers (iWmo/iJw) are listed by kind, date, provider and outcome; their XML is the
same data as the decisions and assignments listed above it. The resident reads them in words: the kind of
message, the provider by name and what was assigned by its name and amount (backoffice.berichten_in_woorden,
plan.codelijsten); the JSON keeps the codes beside the words, for the resident to take elsewhere (art. 20).
"""

from __future__ import annotations

import datetime
import json

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wijkregie.backoffice import berichten_in_woorden
from wijkregie.backoffice.models import Bericht, Beschikking
from wijkregie.backoffice.selectors import aanbieder_namen
from wijkregie.casus.models import Casus, Toestemming
from wijkregie.core.access import gemeente_of
from wijkregie.core.audit import DOEL_VERANTWOORDING, AuditActie, AuditResultaat, audit_log
from wijkregie.core.models import AuditEvent
from wijkregie.inwoners.models import Lidmaatschap, Persoon
from wijkregie.organisatie.models import Medewerker
from wijkregie.plan.models import Arrangementregel, Doel, MeldcodeStap, Ondersteuningsplan, ZrmScore
from wijkregie.regie.models import Betrokkene, Contactmoment, Regie
from wijkregie.toegang.models import Aanmelding, Signaal

from .models import Inzageverzoek, Noodtoegang
from .selectors import personen_exact, rollen_in_woorden, soort

#: The ground of the privacy officer's production, written into the trail (fits its 80 characters).
GRONDSLAG = "AVG art. 15: inzageverzoek van de inwoner"
#: The trail's shortest grounds, in words the resident understands.
GRONDSLAG_IN_WOORDEN = {"rol": "de rol van de medewerker", "geen": "geen: de toegang is geweigerd",
                        "systeem": "het systeem"}
OBJECT_TYPE = "privacy.inzageverzoek"


def inzageverzoek_registreren(*, actor, bsn: str = "", achternaam: str = "", geboortedatum=None,
                              ontvangen_op: datetime.date, identiteit: str) -> Inzageverzoek:
    """Register a resident's request, identified exactly (BSN, or surname with birth date), in the
    privacy officer's own gemeente. A resident who cannot be found, or not unambiguously, is refused in
    words at the field, nothing is registered, and the attempt is audited."""
    gemeente_id = gemeente_of(actor)
    personen = personen_exact(gemeente_id, bsn=bsn, achternaam=achternaam, geboortedatum=geboortedatum) \
        if gemeente_id is not None else []
    if len(personen) != 1:
        with transaction.atomic():
            audit_log(actor=actor, actie=AuditActie.CREATE, object_type=OBJECT_TYPE, grondslag=GRONDSLAG,
                      doel=DOEL_VERANTWOORDING, resultaat=AuditResultaat.GEWEIGERD,
                      omschrijving="inzageverzoek niet geregistreerd: " + (
                          "meerdere inwoners gevonden" if personen else "geen inwoner gevonden"))
        veld = "bsn" if bsn else "achternaam"
        if personen:
            raise ValidationError({veld: _("Meer dan één inwoner past bij deze gegevens. Vul het BSN in.")})
        raise ValidationError({veld: _("Er is geen inwoner van deze gemeente met precies deze gegevens.")})
    with transaction.atomic():
        verzoek = Inzageverzoek.objects.create(gemeente_id=gemeente_id, persoon=personen[0], ontvangen_op=ontvangen_op,
                                               identiteit=identiteit.strip(), geregistreerd_door=actor)
        audit_log(actor=actor, actie=AuditActie.CREATE, object_type=OBJECT_TYPE, object_id=verzoek.pk,
                  client_id=verzoek.persoon_id, grondslag=GRONDSLAG, doel=DOEL_VERANTWOORDING,
                  omschrijving="inzageverzoek geregistreerd")
    return verzoek


def inzageverzoeken_visible_to(user):
    """The requests of the user's own gemeente, for the privacy officer only."""
    gemeente_id = gemeente_of(user)
    if gemeente_id is None or not user.has_perm("privacy.inzage"):
        return Inzageverzoek.objects.none()
    return Inzageverzoek.objects.filter(gemeente_id=gemeente_id).select_related("persoon", "geregistreerd_door")


def _d(value):
    """Dates and times as the resident reads them (local time, minutes)."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).replace(second=0, microsecond=0, tzinfo=None)
    return value


def _casussen(persoon: Persoon) -> list[Casus]:
    huishoudens = Lidmaatschap.objects.filter(persoon=persoon).values("huishouden_id")
    return list(Casus.objects.filter(gemeente_id=persoon.gemeente_id)
                .filter(Q(hoofdpersoon=persoon) | Q(huishouden_id__in=huishoudens))
                .select_related("team", "medewerker", "hoofdpersoon").order_by("geopend_op"))


def _per_casus(model, casus_ids, *related, order="pk"):
    result: dict[int, list] = {}
    for obj in model.objects.filter(casus_id__in=casus_ids).select_related(*related).order_by(order):
        result.setdefault(obj.casus_id, []).append(obj)
    return result


def _verwerkingen(persoon: Persoon) -> list[dict]:
    """The audit trail under this resident: who (role, organisation), when, what, on which ground.
    Two queries whatever its length: the events and the readers' organisations."""
    events = list(
        AuditEvent.objects.filter(gemeente_id=persoon.gemeente_id, client_id=persoon.pk).order_by("tijd", "id")
    )
    actor_ids = {e.actor_id for e in events if e.actor_id}
    organisaties = dict(Medewerker.objects.filter(pk__in=actor_ids).values_list("pk", "moederorganisatie__naam")) \
        if actor_ids else {}
    # Pages outside the casus (the person page, lists) record their own ground; what a medewerker did with
    # this resident while their break-the-glass ran is marked as such all the same.
    noodvensters: dict[int, list[tuple]] = {}
    for medewerker_id, van, tot in Noodtoegang.objects.filter(gemeente_id=persoon.gemeente_id, persoon=persoon) \
            .values_list("medewerker_id", "van", "tot"):
        noodvensters.setdefault(medewerker_id, []).append((van, tot))

    def tijdens_noodtoegang(e) -> bool:
        return e.grondslag == "noodtoegang" or any(van <= e.tijd < tot for van, tot in noodvensters.get(e.actor_id, ()))

    return [{
        "tijdstip": _d(e.tijd),
        "actie": e.get_actie_display(),
        "gegevens": soort(e.object_type),
        # What the backoffice did with a message names it by its code ('WMO305 ontvangen'): in words here.
        "omschrijving": berichten_in_woorden.omschrijving_in_woorden(e.omschrijving)
        if e.object_type == "backoffice.bericht" else e.omschrijving,
        "rol": rollen_in_woorden(e.rol) if e.rol else "",
        "organisatie": organisaties.get(e.actor_id) or "",
        "doel": e.doel,
        "grondslag": GRONDSLAG_IN_WOORDEN.get(e.grondslag, e.grondslag),
        "resultaat": e.get_resultaat_display(),
        "noodtoegang": tijdens_noodtoegang(e),
    } for e in events]


def inzage_gegevens(verzoek: Inzageverzoek) -> dict:
    """Everything wijkregie holds about the resident of `verzoek`, as plain data (dates as date/datetime).

    A fixed number of queries whatever the size of the file (one per kind of record).
    """
    p = verzoek.persoon
    lidmaatschappen = list(Lidmaatschap.objects.filter(persoon=p).select_related("huishouden").order_by("van"))
    casussen = _casussen(p)
    casus_ids = [c.pk for c in casussen]
    plannen = _per_casus(Ondersteuningsplan, casus_ids, "ondertekend_door", order="versie")
    plan_ids = [plan.pk for lijst in plannen.values() for plan in lijst]
    doelen: dict[int, list] = {}
    for doel in (Doel.objects.filter(plan_id__in=plan_ids).filter(Q(persoon__isnull=True) | Q(persoon=p))
                 .select_related("leefgebied").order_by("prioriteit", "pk")):
        doelen.setdefault(doel.plan_id, []).append(doel)
    regels: dict[int, list] = {}
    for regel in Arrangementregel.objects.filter(plan_id__in=plan_ids).select_related("voorziening").order_by("pk"):
        regels.setdefault(regel.plan_id, []).append(regel)
    zrm = _per_casus(ZrmScore, casus_ids, "leefgebied", order="datum")
    zrm = {k: [s for s in v if s.persoon_id == p.pk] for k, v in zrm.items()}
    contacten = _per_casus(Contactmoment, casus_ids, order="op")
    regies = _per_casus(Regie, casus_ids, "medewerker", "organisatie", order="van")
    betrokkenen = _per_casus(Betrokkene, casus_ids, "organisatie", order="sinds")
    meldcode = _per_casus(MeldcodeStap, casus_ids, order="op")
    aanmeldingen = list(Aanmelding.objects.filter(gemeente_id=p.gemeente_id, persoon=p)
                        .select_related("triage", "team", "voorziening").order_by("ontvangen_op"))
    toestemmingen = list(Toestemming.objects.filter(gemeente_id=p.gemeente_id, persoon=p)
                         .select_related("organisatie").order_by("gegeven_op"))
    signalen = list(Signaal.objects.filter(gemeente_id=p.gemeente_id, persoon=p).order_by("ontvangen_op"))
    beschikkingen = list(Beschikking.objects.filter(gemeente_id=p.gemeente_id, persoon=p)
                         .prefetch_related("toewijzingen").order_by("besloten_op"))
    berichten = list(
        Bericht.objects.filter(gemeente_id=p.gemeente_id, persoon=p)
        .order_by("dagtekening", "aangemaakt_op", "pk")
        .only("richting", "soort", "aanbieder_agb", "dagtekening", "status", "aangemaakt_op")
    )
    # A message carries only the provider's AGB code: its name as the gemeente's toewijzingen wrote it (one query).
    aanbieders = aanbieder_namen(p.gemeente_id, {m.aanbieder_agb for m in berichten})
    noodtoegangen = list(
        Noodtoegang.objects.filter(gemeente_id=p.gemeente_id, persoon=p)
        .select_related("medewerker__moederorganisatie")
        .prefetch_related("medewerker__roltoewijzingen")
        .order_by("van")
    )

    return {
        "over": {
            "gemeente": p.gemeente.naam,
            "verzoek_ontvangen_op": verzoek.ontvangen_op,
            "uiterlijk_antwoord_op": verzoek.uiterlijk,
            "gemaakt_op": _d(timezone.now()),
        },
        "inwoner": {
            "naam": p.naam,
            "voornamen": p.voornamen,
            "tussenvoegsel": p.tussenvoegsel,
            "achternaam": p.achternaam,
            "geboortedatum": p.geboortedatum,
            "bsn": p.bsn,
            "adres": p.adres,
            "postcode": p.postcode,
            "woonplaats": p.woonplaats,
            "telefoon": p.telefoon,
            "email": p.email,
            "wijk": p.wijk.naam if p.wijk_id else "",
            "vertegenwoordiging": p.get_vertegenwoordiging_display() if p.vertegenwoordiging else "",
            "geregistreerd_op": _d(p.aangemaakt_op),
        },
        "huishoudens": [
            {
                "naam": lid.huishouden.naam,
                "relatie": lid.get_relatie_display(),
                "van": lid.van,
                "tot": lid.tot,
                "woont_hier": lid.woont_hier,
                "gezag": lid.gezag,
            }
            for lid in lidmaatschappen
        ],
        "aanmeldingen": [
            {
                "ontvangen_op": _d(a.ontvangen_op),
                "kanaal": a.get_kanaal_display(),
                "vraag": a.vraag,
                "status": a.get_status_display(),
                "advies": a.advies,
                "verwezen_naar": str(a.voorziening) if a.voorziening_id else "",
                "team": a.team.naam if a.team_id else "",
                "triage": _triage(a),
            }
            for a in aanmeldingen
        ],
        "casussen": [
            {
                "team": c.team.naam,
                "status": c.get_status_display(),
                "geopend_op": _d(c.geopend_op),
                "afgesloten_op": _d(c.afgesloten_op),
                "hoofdpersoon": c.hoofdpersoon_id == p.pk,
                "regisseur": c.medewerker.get_full_name() if c.medewerker_id else "",
                "regie": [
                    {
                        "soort": r.get_soort_display(),
                        "houder": r.get_houder_display(),
                        "wie": (
                            r.medewerker.get_full_name() if r.medewerker_id else str(r.organisatie or r.netwerk or "")
                        ),
                        "van": _d(r.van),
                        "tot": _d(r.tot),
                    }
                    for r in regies.get(c.pk, [])
                ],
                "betrokkenen": [
                    {
                        "naam": b.naam,
                        "organisatie": str(b.organisatie or ""),
                        "rol": b.rol,
                        "sinds": b.sinds,
                        "tot": b.tot,
                    }
                    for b in betrokkenen.get(c.pk, [])
                ],
                "plannen": [
                    {
                        "versie": plan.versie,
                        "status": plan.get_status_display(),
                        "akkoord_op": plan.akkoord_op,
                        "ondertekend_op": _d(plan.ondertekend_op),
                        "waarom_deze_hulp": plan.matched_care,
                        "afgesproken": plan.gedeelde_besluitvorming,
                        "doelen": [
                            {
                                "leefgebied": str(d.leefgebied),
                                "doel": d.omschrijving,
                                "prioriteit": d.prioriteit,
                                "streefdatum": d.streefdatum,
                            }
                            for d in doelen.get(plan.pk, [])
                        ],
                        "afspraken": [
                            {
                                "soort": r.get_soort_display(),
                                "wat": r.omschrijving,
                                "wie": r.wie,
                                "voorziening": str(r.voorziening or ""),
                                "van": r.ingangsdatum,
                                "tot": r.einddatum,
                            }
                            for r in regels.get(plan.pk, [])
                        ],
                    }
                    for plan in plannen.get(c.pk, [])
                ],
                "zrm": [
                    {"datum": s.datum, "leefgebied": str(s.leefgebied), "niveau": s.get_niveau_display()}
                    for s in zrm.get(c.pk, [])
                ],
                "contactmomenten": [
                    {"op": _d(m.op), "soort": m.get_soort_display(), "met_wie": m.met_wie, "notitie": m.notitie}
                    for m in contacten.get(c.pk, [])
                ],
                "meldcode": [
                    {"stap": str(m.get_stap_display()), "op": _d(m.op), "verslag": m.verslag}
                    for m in meldcode.get(c.pk, [])
                ],
            }
            for c in casussen
        ],
        "toestemmingen": [
            {
                "waarvoor": t.get_scope_display(),
                "organisatie": str(t.organisatie or ""),
                "doel": t.doel,
                "gegeven_door": t.get_gegeven_als_display(),
                "hoe": t.get_wijze_display(),
                "gegeven_op": _d(t.gegeven_op),
                "geldig_tot": t.geldig_tot,
                "ingetrokken_op": _d(t.ingetrokken_op),
            }
            for t in toestemmingen
        ],
        "signalen": [
            {
                "bron": s.get_bron_display(),
                "ontvangen_op": _d(s.ontvangen_op),
                "omschrijving": s.omschrijving,
                "status": s.get_status_display(),
            }
            for s in signalen
        ],
        "besluiten": [
            {
                "wet": b.get_wet_display(),
                "besluit": b.get_besluit_display(),
                "grondslag": b.grondslag,
                "motivering": b.motivering,
                "besloten_op": _d(b.besloten_op),
                "van": b.ingangsdatum,
                "tot": b.einddatum,
                "bezwaar_tot": b.bezwaar_tot,
                "toewijzingen": [
                    {
                        "productcategorie": t.productcategorie,
                        "wat": t.productcategorie_omschrijving,
                        "volume": t.volume,
                        "omvang": _omvang(t),
                        "aanbieder": t.aanbieder_naam,
                        "van": t.ingangsdatum,
                        "tot": t.einddatum,
                    }
                    for t in b.toewijzingen.all()
                ],
            }
            for b in beschikkingen
        ],
        # The messages exchanged with providers about the resident (iWmo/iJw): which, when, with whom.
        "berichten": [
            {
                "richting": m.get_richting_display(),
                "soort": m.soort,
                "bericht": capfirst(berichten_in_woorden.soort_in_woorden(m.soort)),
                "wet": berichten_in_woorden.wet_in_woorden(m.soort),
                "aanbieder_agb": m.aanbieder_agb,
                "aanbieder": aanbieders.get(m.aanbieder_agb, ""),
                "dagtekening": m.dagtekening,
                "status": m.get_status_display(),
            }
            for m in berichten
        ],
        "noodtoegang": [
            {
                "van": _d(n.van),
                "tot": _d(n.tot),
                "reden": n.reden,
                "rol": ", ".join(str(r) for r in n.medewerker.rollen_labels),
                "organisatie": n.medewerker.moederorganisatie.naam if n.medewerker.moederorganisatie_id else "",
            }
            for n in noodtoegangen
        ],
        "verwerkingen": _verwerkingen(p),
    }


def _omvang(t) -> str:
    """'3 uur per week', as the beschikking letter says it (WJ756 eenheid, WMO757 frequentie)."""
    return " ".join(str(deel) for deel in (t.volume, t.eenheid_omschrijving, t.frequentie_omschrijving) if deel)


def _triage(a: Aanmelding) -> dict | None:
    try:
        t = a.triage
    except Aanmelding.triage.RelatedObjectDoesNotExist:
        return None
    return {"urgentie": t.get_urgentie_display(), "veiligheid": t.get_veiligheid_display(),
            "toelichting_veiligheid": t.veiligheid_toelichting, "aard": t.get_aard_display(),
            "route": t.get_uitkomst_display(), "op": _d(t.op)}


def inzage_json(gegevens: dict) -> str:
    return json.dumps(gegevens, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)


def inzage_gemaakt(*, actor, verzoek: Inzageverzoek, formaat: str, gegevens: dict) -> None:
    """The production is audited under the resident (with the ground of the request), and the request
    remembers when it was first produced."""
    with transaction.atomic():
        if verzoek.gemaakt_op is None:
            Inzageverzoek.objects.filter(pk=verzoek.pk, gemaakt_op__isnull=True).update(gemaakt_op=timezone.now())
        audit_log(
            actor=actor,
            actie=AuditActie.READ,
            object_type=OBJECT_TYPE,
            object_id=verzoek.pk,
            client_id=verzoek.persoon_id,
            grondslag=GRONDSLAG,
            doel=DOEL_VERANTWOORDING,
            omschrijving=f"inzage gemaakt als {formaat} ({_aantal(len(gegevens['casussen']), 'casus', 'casussen')}, "
            f"{_aantal(len(gegevens['verwerkingen']), 'verwerking', 'verwerkingen')})",
        )


def _aantal(n: int, een: str, meer: str) -> str:
    return f"{n} {een if n == 1 else meer}"
