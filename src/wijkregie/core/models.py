"""Tenancy and the audit trail: the two things every other app stands on."""

import datetime
import hashlib
import hmac
import json
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _

from .versleuteling import versleutelde_opslag


class Gemeente(models.Model):
    """The municipality: the tenant. Every municipal record carries one (DESIGN.md, tenancy)."""

    naam = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=60, unique=True)
    cbs_code = models.CharField(_("CBS-gemeentecode"), max_length=4, blank=True, help_text=_("Bijvoorbeeld 0400."))

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


#: Per field with choices: value -> label (lazy, so each call says it in the active language).
_KEUZES: dict = {}


class GemeenteModel(models.Model):
    """Base for municipal data: the gemeente is the first column of every index that matters."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, verbose_name=_("gemeente"))

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        """get_FOO_display with the field's choices made into a dict once per process. Django builds that dict
        on every call, hashing every label (each a translation): a fifth of the timeline's selector for its 50
        contactmomenten (issue 17). The choices of our fields are fixed lists, never callables."""
        keuzes = _KEUZES.get(field)
        if keuzes is None:
            keuzes = _KEUZES[field] = dict(make_hashable(field.flatchoices))
        waarde = getattr(self, field.attname)
        return force_str(keuzes.get(make_hashable(waarde), waarde), strings_only=True)


class AuditActie(models.TextChoices):
    # NEN 7513 §5.4: the kind of action on the data.
    CREATE = "C", _("aanmaken")
    READ = "R", _("inzien")
    UPDATE = "U", _("wijzigen")
    DELETE = "D", _("verwijderen")
    EXECUTE = "E", _("uitvoeren")


class AuditResultaat(models.TextChoices):
    GELUKT = "gelukt", _("gelukt")
    GEWEIGERD = "geweigerd", _("geweigerd")
    MISLUKT = "mislukt", _("mislukt")


def head_signature(key: str, length: int, last_hash: str, gemeente_id: int | None) -> str:
    """HMAC of a chain's head (key, length, last hash, gemeente) with a key the database does not hold.

    Someone who can write the database can delete the newest events of a chain and set its head back,
    but cannot sign that earlier state anew without AUDIT_KEY (docs/audit.md).
    """
    message = f"kop|{key}|{length}|{last_hash}|{gemeente_id or 0}"
    return hmac.new(settings.AUDIT_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()


class AuditChain(models.Model):
    """The head of one hash chain: one per gemeente and actor (`g3:m17`, `g3:systeem`, `g3:anoniem`).

    Writers never touch it: they insert unsealed events. Only the sealer (core.audit.audit_seal) locks
    this row (SELECT ... FOR UPDATE, inside its own short transaction) to link a batch of events onto
    the chain. Older databases also hold one chain per gemeente (`gemeente:3`) and `systeem`: they
    still verify. `signature` signs (key, length, last_hash, gemeente) and is rewritten with every seal.
    """

    key = models.CharField(max_length=40, unique=True)
    length = models.PositiveBigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")
    gemeente_id = models.BigIntegerField(null=True)
    signature = models.CharField(max_length=64, default="")

    def __str__(self) -> str:
        return f"{self.key} ({self.length})"

    def expected_signature(self) -> str:
        return head_signature(self.key, self.length, self.last_hash, self.gemeente_id)


class AuditVerificatie(models.Model):
    """The outcome of one run of `audit verify` (command or daily task), shown to the privacy officer.

    Outside the append-only table on purpose: it is a status, not evidence. It is signed like the
    chain heads, so a forged "intact" shows as such on the page.
    """

    tijd = models.DateTimeField(_("tijdstip"))
    ok = models.BooleanField(_("intact"))
    gebeurtenissen = models.PositiveBigIntegerField(_("gebeurtenissen gecontroleerd"), default=0)
    keten = models.CharField(_("keten"), max_length=40, blank=True)
    reden = models.TextField(_("reden"), blank=True)
    signature = models.CharField(max_length=64, default="")

    class Meta:
        verbose_name = _("auditcontrole")
        verbose_name_plural = _("auditcontroles")
        ordering = ["-tijd", "-pk"]

    def __str__(self) -> str:
        return f"{self.tijd:%Y-%m-%d %H:%M} {'intact' if self.ok else 'verbroken'}"

    def expected_signature(self) -> str:
        message = "|".join([
            "controle", self.tijd.astimezone(datetime.UTC).isoformat(timespec="microseconds"),
            str(bool(self.ok)), str(self.gebeurtenissen), self.keten, self.reden,
        ])
        return hmac.new(settings.AUDIT_KEY.encode(), message.encode(), hashlib.sha256).hexdigest()

    @property
    def echt(self) -> bool:
        return hmac.compare_digest(self.signature, self.expected_signature())


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Audit events are append-only.")

    def delete(self):
        raise TypeError("Audit events are append-only.")


class AuditEvent(models.Model):
    """One logged action on personal or municipal data, with the fields NEN 7513 asks for.

    Append-only and hash-chained. A writer inserts the event unsealed: its chain key and `mac` (an
    HMAC of its content) are set, `seq`, `prev_hash` and `hash` are not. The sealer (core.audit.audit_seal)
    later gives it its place in the chain: `seq` and `hash`, covering every field plus the previous
    event's hash, so `wijkregie audit verify` finds any edited, removed or inserted row. Sealing is the
    one change a row ever sees (PostgreSQL's trigger allows nothing else). Nothing here is a foreign
    key that cascades: events outlive the people and objects they are about.
    """

    chain = models.CharField(max_length=40, editable=False)
    # None until sealed: the place in the chain is given by the sealer, in the order it finds events.
    seq = models.PositiveBigIntegerField(editable=False, null=True)
    # No index of its own: the three (gemeente, ...) indexes below serve every search by gemeente, and each index
    # is written twice per event (inserted, then sealed): the audit trail is most of the database's writes.
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+",
        verbose_name=_("gemeente"), db_index=False,
    )
    tijd = models.DateTimeField(_("tijdstip"))
    # Who acted, and on whose behalf (e.g. a KCC worker for a medewerker, or 'systeem').
    actor_id = models.BigIntegerField(_("gebruiker-id"), null=True)
    actor = models.CharField(_("gebruiker"), max_length=150)
    namens = models.CharField(_("namens"), max_length=150, blank=True)
    # The actor's role codes, sorted and comma-joined ('systeem', 'anoniem' for those): NEN 7513 roleIDCode.
    rol = models.CharField(_("rol"), max_length=200, blank=True)
    # Purpose of use (NEN 7513 purposeOfUse), e.g. 'uitvoering wettelijke taak', 'verantwoording'.
    doel = models.CharField(_("doel"), max_length=80, blank=True)
    # Which client (Persoon) the data is about, when it is about one.
    client_id = models.BigIntegerField(_("cliënt"), null=True)
    object_type = models.CharField(_("soort gegevens"), max_length=80)
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    actie = models.CharField(_("actie"), max_length=1, choices=AuditActie.choices)
    # Which data (field names, the client ids shown in a list), never the data itself.
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    # The basis for access: a role, the client's consent, break-the-glass, or the system itself.
    grondslag = models.CharField(_("grondslag"), max_length=80)
    resultaat = models.CharField(_("resultaat"), max_length=10, choices=AuditResultaat.choices)
    request_id = models.CharField(_("verzoek-id"), max_length=36, blank=True)
    bron = models.CharField(_("bron (IP-adres)"), max_length=45, blank=True)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)
    # HMAC of the content (every hashed field but the place in the chain), written with the event: the
    # sealer seals only events whose `mac` holds, so a row inserted without AUDIT_KEY never enters a
    # chain. Blank on events written before sealing existed (they were linked when written).
    mac = models.CharField(max_length=64, editable=False, default="", db_default="")

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("auditgebeurtenis")
        verbose_name_plural = _("auditgebeurtenissen")
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_chain_seq_unique")]
        indexes = [
            models.Index(fields=["gemeente", "tijd"], name="audit_gemeente_tijd"),
            models.Index(fields=["gemeente", "client_id", "tijd"], name="audit_gemeente_client"),
            models.Index(fields=["gemeente", "actor_id", "tijd"], name="audit_gemeente_actor"),
            # The sealer's work queue: only the unsealed events, a handful at any time.
            models.Index(fields=["id"], condition=models.Q(seq__isnull=True), name="audit_unsealed"),
        ]

    HASHED_FIELDS = (
        "chain", "seq", "gemeente_id", "tijd", "actor_id", "actor", "namens", "rol", "client_id",
        "object_type", "object_id", "actie", "omschrijving", "grondslag", "resultaat", "request_id", "bron",
        "prev_hash",
    )

    # Fields added later are hashed only when filled, so events written before they existed keep
    # their hash (a blank value and an absent one are the same event).
    HASHED_WHEN_FILLED = ("doel",)

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq or '-'} {self.actie} {self.object_type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit events are append-only.")

    # The content: every hashed field except the place in the chain, which the sealer gives later.
    MAC_FIELDS = tuple(name for name in HASHED_FIELDS if name not in ("seq", "prev_hash"))

    def compute_mac(self) -> str:
        """HMAC-SHA256 of the content, computed by the writer (no chain, no lock), checked by the sealer."""
        payload = {name: getattr(self, name) for name in self.MAC_FIELDS}
        for name in self.HASHED_WHEN_FILLED:
            if getattr(self, name):
                payload[name] = getattr(self, name)
        payload["tijd"] = self.tijd.astimezone(datetime.UTC).isoformat(timespec="microseconds")
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hmac.new(settings.AUDIT_KEY.encode(), b"inhoud|" + canonical.encode(), hashlib.sha256).hexdigest()

    def compute_hash(self) -> str:
        """HMAC-SHA256 over every field and the previous hash.

        Keyed with AUDIT_KEY, which lives outside the database: someone who can write the database
        but not read the server's configuration cannot recompute a chain after editing it.
        """
        payload = {name: getattr(self, name) for name in self.HASHED_FIELDS}
        for name in self.HASHED_WHEN_FILLED:
            if getattr(self, name):
                payload[name] = getattr(self, name)
        payload["tijd"] = self.tijd.astimezone(datetime.UTC).isoformat(timespec="microseconds")
        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hmac.new(settings.AUDIT_KEY.encode(), canonical.encode(), hashlib.sha256).hexdigest()


class ActivatieReden(models.TextChoices):
    NIEUW = "nieuw", _("nieuw account")
    TWEESTAPS_OPNIEUW = "tweestaps", _("tweestapsinlog opnieuw ingesteld")


class Accountactivatie(models.Model):
    """A one-time activation of an account: the only way an authenticator is enrolled (issue 14, item 6).

    Outside demo mode a password alone never reaches a page: an attacker who learns the first password
    (or guesses it) must not be able to enrol an authenticator of their own. The beheerder hands the
    link over separately; only its SHA-256 is stored (the token has 256 random bits, so a plain hash
    cannot be reversed), it expires and works once.
    """

    medewerker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("medewerker"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    reden = models.CharField(_("reden"), max_length=20, choices=ActivatieReden.choices)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))
    # Who issued it: a medewerker id (no foreign key: the record stays if that account goes), or None
    # for the technical administrator's command.
    aangemaakt_door_id = models.BigIntegerField(null=True, blank=True)
    verloopt_op = models.DateTimeField(_("verloopt op"))
    gebruikt_op = models.DateTimeField(_("gebruikt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("accountactivatie")
        verbose_name_plural = _("accountactivaties")
        indexes = [models.Index(fields=["medewerker", "gebruikt_op"], name="activatie_medewerker")]

    def __str__(self) -> str:
        return f"activatie {self.pk} ({self.get_reden_display()})"


class AchtergrondbestandStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("in de wachtrij")
    BEZIG = "bezig", _("wordt gemaakt")
    KLAAR = "klaar", _("klaar")
    MISLUKT = "mislukt", _("mislukt")
    VERLOPEN = "verlopen", _("verlopen")


class Achtergrondbestand(GemeenteModel):
    """A document made by the background worker for one medewerker (issue 16, item 2; docs/achtergrond.md).

    A PDF that takes seconds to render must not hold a web worker near its timeout: the request creates
    this row and enqueues a task, the worker renders and stores the file encrypted (core/versleuteling.py),
    and only the owner downloads it, for a limited time. The random UUID is the only thing in its URLs;
    `parameters` hold ids of the objects the document is about (never names or BSNs). `client_ids` are the
    residents in the document: the disclosure is audited per person at download, not when it is made.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    eigenaar = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                 verbose_name=_("aangevraagd door"))
    # The dotted path of the kind (a core.achtergrond.Soort instance in the app that owns the document).
    soort = models.CharField(_("soort"), max_length=200)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    taal = models.CharField(_("taal"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=AchtergrondbestandStatus.choices,
                              default=AchtergrondbestandStatus.WACHTRIJ)
    taak_id = models.CharField(max_length=64, blank=True, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    gestart_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    klaar_op = models.DateTimeField(_("klaar op"), null=True, blank=True)
    verloopt_op = models.DateTimeField(_("verloopt op"), null=True, blank=True)
    bestand = models.FileField(_("bestand"), upload_to="achtergrond/%Y/%m/", blank=True, max_length=200,
                               storage=versleutelde_opslag)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=150, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    client_ids = models.JSONField(default=list, blank=True)
    # What the audit event at download says (e.g. 'plan versie 2 als pdf'): names the data, never holds it.
    omschrijving = models.CharField(max_length=200, blank=True)
    # A Dutch message for the owner when the document could not be made (never the exception's text).
    fout = models.CharField(_("fout"), max_length=300, blank=True)
    duur_ms = models.PositiveIntegerField(_("maaktijd (ms)"), null=True, blank=True)

    class Meta:
        verbose_name = _("achtergrondbestand")
        verbose_name_plural = _("achtergrondbestanden")
        indexes = [
            models.Index(fields=["gemeente", "eigenaar", "aangemaakt_op"], name="achtergrond_eigenaar"),
            models.Index(fields=["status", "verloopt_op"], name="achtergrond_verloop"),
        ]

    def __str__(self) -> str:
        return f"achtergrondbestand {self.pk} ({self.status})"
