"""Long work off the request (issue 16, item 2): a document that takes seconds is made by the background
worker, never inside a web request (docs/achtergrond.md).

Under a replay load a gunicorn worker hit its 30-second timeout rendering a PDF in the request. Now the
request only creates an `Achtergrondbestand` and enqueues `bestand_maken` (django-tasks, database
backend: the task row is committed in the same transaction as the job, so neither exists without the
other); the user waits on a status page (htmx polling, a refresh link without JavaScript) and downloads
the file when it is ready.

One mechanism for every kind of document. An app describes its document as a subclass of `Soort` (in its
own module; core never imports the apps above it, the worker finds the class by its dotted path):

- `object(gebruiker, parameters)`: the object through the app's own selectors, Http404 when the user may
  not see it (the one access policy: this is asked when the job is requested, again by the worker before
  rendering, and again at every download);
- `personen(gebruiker, obj)`: the residents this user may see in the document now; a download is refused
  (404) when the file holds someone outside that set (a consent withdrawn since it was made);
- `maak(gebruiker, obj)`: the `Document` (bytes, file name, the residents in it, what the audit says);
- `audit_download(gebruiker, obj, bestand)`: the disclosure, by default one event per resident in it.

The file is stored encrypted (core/versleuteling.py), only its owner can download it, for
`BESTAND_BEWAARDUUR`; expired files are removed on access and whenever the worker makes a new one. The
disclosure is audited per person at download, when someone actually gets the data, not when it is made.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_tasks import task

from .audit import AuditActie, AuditResultaat, audit_disclosure, audit_log
from .models import Achtergrondbestand, AchtergrondbestandStatus

logger = logging.getLogger(__name__)

Status = AchtergrondbestandStatus
OBJECT_TYPE = "core.achtergrondbestand"
#: How long a finished file can be downloaded (then it is removed).
BESTAND_BEWAARDUUR = datetime.timedelta(hours=24)
#: A job waiting or running longer than this is presumed lost (a worker killed mid-task, no worker running):
#: the status page says so and offers to try again. The longest document measured (the inzage of a resident
#: with 3.000 audit events and 400 contactmomenten) took 4 to 5 minutes on a loaded machine.
TE_LANG = datetime.timedelta(minutes=15)
#: Rows of expired or failed jobs are kept this long (the owner's status page says 'verlopen'), then deleted.
RIJ_BEWAARDUUR = datetime.timedelta(days=7)

#: Failure codes stored on the job; the message is translated when shown (the worker has no user's language).
FOUTEN = {
    "geen_toegang": _("U mag deze gegevens niet (meer) inzien. Het bestand is niet gemaakt."),
    "fout": _("Het bestand kon niet worden gemaakt. Probeer het opnieuw; lukt het dan weer niet, meld het "
              "bij de functioneel beheerder."),
}


@dataclass(frozen=True)
class Document:
    """What a kind makes: the file, its name, the residents in it and what the audit event says."""

    inhoud: bytes
    bestandsnaam: str
    client_ids: Iterable[int] = field(default_factory=tuple)
    omschrijving: str = ""
    content_type: str = "application/pdf"


class Soort:
    """A kind of document made in the background; subclass it in the app that owns the document.

    Class attributes: `titel` (what the status page calls it), `object_type` and `grondslag`/`doel` for
    the audit event at download, `inline` (open in the browser rather than save).
    """

    titel = _("Document")
    object_type = ""
    grondslag = "rol"
    doel = ""
    inline = False

    def object(self, gebruiker, parameters: dict):
        """The object the document is about, through the app's selectors; Http404 when not visible."""
        raise NotImplementedError

    def personen(self, gebruiker, obj) -> set[int]:
        """The residents `gebruiker` may see in this document now."""
        raise NotImplementedError

    def maak(self, gebruiker, obj) -> Document:
        raise NotImplementedError

    def beschrijving(self, parameters: dict) -> str:
        """The title on the status page: no names, no numbers a resident is known by."""
        return str(self.titel)

    def terug(self, parameters: dict) -> str:
        """Where the status page's 'back' link leads (a URL with ids only), or ''."""
        return ""

    def object_id(self, obj):
        """The audit events' object id."""
        return obj.pk

    def audit_download(self, gebruiker, obj, bestand: Achtergrondbestand) -> None:
        """The disclosure at download: one event per resident in the document (inside the download's
        transaction). A kind may add to it (the inzage records when it was first produced)."""
        audit_disclosure(actor=gebruiker, client_ids=bestand.client_ids, object_type=self.object_type or OBJECT_TYPE,
                         object_id=self.object_id(obj), omschrijving=bestand.omschrijving, grondslag=self.grondslag,
                         doel=self.doel)


def soort_pad(soort: type[Soort]) -> str:
    return f"{soort.__module__}.{soort.__qualname__}"


def soort_van(bestand: Achtergrondbestand) -> Soort:
    """The kind of a stored job: a Soort subclass of this project, found by its dotted path."""
    if not bestand.soort.startswith("wijkregie."):
        raise ImportError(bestand.soort)
    klasse = import_string(bestand.soort)
    if not (isinstance(klasse, type) and issubclass(klasse, Soort)):
        raise ImportError(bestand.soort)
    return klasse()


def _gebruiker(pk: int):
    manager = get_user_model()._default_manager
    # The roles decide every visibility rule: loaded with the user, as the authentication backend does.
    return (manager.met_rollen() if hasattr(manager, "met_rollen") else manager).get(pk=pk)


def bestand_aanvragen(*, actor, soort: type[Soort], parameters: dict) -> Achtergrondbestand:
    """A job for `actor` to have the document made; Http404 when they may not see its object.

    A job of the same kind and object that is still waiting or running is reused (a double click, a
    reload), so one request never queues the same work twice.
    """
    obj = soort().object(actor, parameters)
    pad = soort_pad(soort)
    nu = timezone.now()
    with transaction.atomic():
        lopend = (
            Achtergrondbestand.objects.filter(eigenaar=actor, soort=pad, parameters=parameters)
            .filter(
                Q(status=Status.WACHTRIJ, aangemaakt_op__gte=nu - TE_LANG)
                | Q(status=Status.BEZIG, gestart_op__gte=nu - TE_LANG)
            )
            .order_by("-aangemaakt_op")
            .first()
        )
        if lopend is not None:
            return lopend
        bestand = Achtergrondbestand.objects.create(
            gemeente_id=actor.gemeente_id, eigenaar=actor, soort=pad, parameters=parameters,
            taal=translation.get_language() or "", aangemaakt_op=nu)
        # Database backend: the task's row commits with the job's, or neither does.
        resultaat = bestand_maken.enqueue(str(bestand.pk))
        bestand.taak_id = str(resultaat.id)
        Achtergrondbestand.objects.filter(pk=bestand.pk).update(taak_id=bestand.taak_id)
        audit_log(actor=actor, actie=AuditActie.EXECUTE, object_type=soort.object_type or OBJECT_TYPE,
                  object_id=soort().object_id(obj), grondslag=soort.grondslag, doel=soort.doel,
                  omschrijving=f"{OBJECT_TYPE} {bestand.pk} aangevraagd")
    return bestand


def bestand_opnieuw(*, actor, bestand: Achtergrondbestand) -> Achtergrondbestand:
    """A new job with the same kind and parameters (after a failure, expiry, or a lost worker)."""
    return bestand_aanvragen(actor=actor, soort=type(soort_van(bestand)), parameters=bestand.parameters)


def maken(bestand_id: str) -> str:
    """Make one job's document (the task's body); returns its new status."""
    try:
        bestanden_opruimen()
    except OperationalError:
        # Housekeeping, not this job: a busy database (SQLite's write lock past its timeout under load) must not
        # fail the user's document. The next job or the periodic task removes what expired, and an expired file
        # is removed on access anyway (verlopen_als_nodig).
        logger.warning("Opruimen van achtergrondbestanden overgeslagen: de database was bezet")
    nu = timezone.now()
    # Claimed with a conditional update: a job is made once, even if its task ran twice.
    if not Achtergrondbestand.objects.filter(pk=bestand_id, status=Status.WACHTRIJ).update(
            status=Status.BEZIG, gestart_op=nu):
        return "overgeslagen"
    bestand = Achtergrondbestand.objects.get(pk=bestand_id)
    begin = time.perf_counter()
    try:
        soort = soort_van(bestand)
        eigenaar = _gebruiker(bestand.eigenaar_id)
        with translation.override(bestand.taal or settings.LANGUAGE_CODE):
            # Asked again: the policy may have changed since the request (a consent withdrawn, a casus moved).
            obj = soort.object(eigenaar, bestand.parameters)
            document = soort.maak(eigenaar, obj)
    except (Http404, PermissionDenied):
        return _mislukt(bestand, "geen_toegang")
    except Exception:
        # The filter on every handler (core/logging.py) drops the exception's message: it may hold data.
        logger.exception("Achtergrondbestand %s (%s) kon niet worden gemaakt", bestand.pk, bestand.soort)
        return _mislukt(bestand, "fout")
    duur_ms = int((time.perf_counter() - begin) * 1000)
    naam = bestand.bestand.storage.save(f"achtergrond/{nu:%Y/%m}/{bestand.pk}.bin", ContentFile(document.inhoud))
    klaar = timezone.now()
    Achtergrondbestand.objects.filter(pk=bestand.pk).update(
        status=Status.KLAAR, bestand=naam, bestandsnaam=document.bestandsnaam[:150],
        content_type=document.content_type, client_ids=sorted({int(c) for c in document.client_ids if c}),
        omschrijving=document.omschrijving[:200], klaar_op=klaar, verloopt_op=klaar + BESTAND_BEWAARDUUR,
        duur_ms=duur_ms, fout="")
    return Status.KLAAR


def _mislukt(bestand: Achtergrondbestand, code: str) -> str:
    Achtergrondbestand.objects.filter(pk=bestand.pk).update(status=Status.MISLUKT, fout=code, klaar_op=timezone.now())
    return Status.MISLUKT


@task()
def bestand_maken(bestand_id: str) -> str:
    return maken(bestand_id)


def foutmelding(bestand: Achtergrondbestand) -> str:
    return str(FOUTEN.get(bestand.fout, FOUTEN["fout"])) if bestand.status == Status.MISLUKT else ""


def te_lang(bestand: Achtergrondbestand) -> bool:
    """Waiting or running for longer than a document takes: presumably lost (see TE_LANG)."""
    if bestand.status not in (Status.WACHTRIJ, Status.BEZIG):
        return False
    return (bestand.gestart_op or bestand.aangemaakt_op) < timezone.now() - TE_LANG


def _verwijder_bestand(bestand: Achtergrondbestand) -> None:
    if bestand.bestand:
        bestand.bestand.storage.delete(bestand.bestand.name)


def verlopen_als_nodig(bestand: Achtergrondbestand) -> Achtergrondbestand:
    """On access: a finished file past its time is removed at once (the cleanup need not have run)."""
    if bestand.status == Status.KLAAR and bestand.verloopt_op and bestand.verloopt_op <= timezone.now():
        _verwijder_bestand(bestand)
        Achtergrondbestand.objects.filter(pk=bestand.pk).update(status=Status.VERLOPEN, bestand="", client_ids=[])
        bestand.refresh_from_db()
    return bestand


def bestanden_opruimen() -> int:
    """Remove every expired file (its row says 'verlopen' for a week, then goes); returns how many files."""
    nu = timezone.now()
    verlopen = list(Achtergrondbestand.objects.filter(status=Status.KLAAR, verloopt_op__lte=nu))
    for bestand in verlopen:
        _verwijder_bestand(bestand)
    Achtergrondbestand.objects.filter(pk__in=[b.pk for b in verlopen]).update(
        status=Status.VERLOPEN, bestand="", client_ids=[])
    Achtergrondbestand.objects.filter(status__in=(Status.VERLOPEN, Status.MISLUKT),
                                      aangemaakt_op__lt=nu - RIJ_BEWAARDUUR).delete()
    return len(verlopen)


@task()
def achtergrondbestanden_opruimen() -> int:
    return bestanden_opruimen()


def bestand_downloaden(*, actor, bestand: Achtergrondbestand) -> bytes:
    """The document's bytes for its owner, with the policy asked again and every resident in it audited.

    Http404 when it is not (or no longer) there, and when the owner may no longer see its object or one
    of the residents in it: a withdrawn consent or a casus moved to another team bites at download too.
    """
    if bestand.eigenaar_id != getattr(actor, "pk", None):
        raise Http404
    bestand = verlopen_als_nodig(bestand)
    if bestand.status != Status.KLAAR or not bestand.bestand:
        raise Http404
    soort = soort_van(bestand)
    obj = soort.object(actor, bestand.parameters)  # audits the refusal itself (get_visible_or_404)
    if not set(bestand.client_ids) <= set(soort.personen(actor, obj)):
        with transaction.atomic():
            audit_log(actor=actor, actie=AuditActie.READ, object_type=soort.object_type or OBJECT_TYPE,
                      object_id=soort.object_id(obj), grondslag="geen", doel=soort.doel,
                      resultaat=AuditResultaat.GEWEIGERD,
                      omschrijving=f"{OBJECT_TYPE} {bestand.pk}: download geweigerd, toegang gewijzigd")
        raise Http404
    with bestand.bestand.open("rb") as fh:
        inhoud = fh.read()
    with transaction.atomic():
        soort.audit_download(actor, obj, bestand)
    return inhoud
