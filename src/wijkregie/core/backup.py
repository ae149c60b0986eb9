"""Back-up and restore of a whole installation: every table and the uploaded documents (issue 14, item 7).

The format is portable on purpose: a gzip'ed tar with one JSON file per table (Django's serialisation,
with full-precision times), the files under MEDIA_ROOT as they are stored (consent documents stay
encrypted), and a signed manifest with the row count of every table, a SHA-256 of every file in the
archive, the applied migrations and the head of every audit chain. Why not the native tools:

- the same command and the same file serve SQLite and PostgreSQL, and a back-up of the embedded
  SQLite database restores into PostgreSQL when a municipality grows (pg_dump cannot do that, and
  the sqlite3 backup API does not cover PostgreSQL);
- a restore can be checked before anything is written (every checksum, the signature, the version)
  and after (every table's count, the audit chains), which a raw dump cannot promise;
- no client program of the right major version (pg_dump/pg_restore) has to be on the server.

For a very large database the native tools are faster; docs/operations.md says when to use them.

A restore goes only into a new, empty (migrated) database of the same wijkregie version, in one
transaction: a damaged, truncated, foreign or altered file is refused with a Dutch message before
anything changes, and a failure halfway rolls everything back.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import io
import json
import logging
import os
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

logger = logging.getLogger(__name__)

FORMAAT = "wijkregie-back-up"
VERSIE = 1
MANIFEST = "manifest.json"
# Sessions are not kept: after a restore everyone logs in again (a session is no data, and an old
# one should not come back to life on another server).
NIET_MEE = {"sessions.session"}
# Rows that `migrate` itself makes in a new database; a restore replaces them by the back-up's own,
# because other rows refer to them by id (generic relations, permissions).
VAN_MIGRATE = ("contenttypes.contenttype", "auth.permission")


class BackupFout(Exception):
    """A restore or back-up that cannot go on; the message is Dutch and meant for the operator."""


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder rounds times to milliseconds; the audit chain hashes microseconds."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        if isinstance(o, datetime.time):
            return o.isoformat()
        return super().default(o)


def _modellen():
    """Every concrete table Django manages, in a fixed order (through tables ride with their model)."""
    result = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed or meta.label_lower in NIET_MEE:
            continue
        result.append(model)
    return sorted(result, key=lambda m: m._meta.label_lower)


def _koppeltabellen():
    """The auto-created many-to-many tables (restored through their model's field), to count them."""
    result = {}
    for model in _modellen():
        for m2m in model._meta.local_many_to_many:
            through = m2m.remote_field.through
            if through._meta.auto_created:
                result[through._meta.db_table] = through
    return dict(sorted(result.items()))


def _tellingen() -> dict[str, int]:
    counts = {m._meta.label_lower: m._base_manager.count() for m in _modellen()}
    counts.update({f"koppeling:{table}": through._base_manager.count() for table, through in _koppeltabellen().items()})
    return counts


def _migraties() -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        result.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(result.items())}


def _ketens() -> dict[str, dict]:
    from .models import AuditChain

    return {c.key: {"lengte": c.length, "hash": c.last_hash} for c in AuditChain.objects.order_by("key")}


def _onderteken(manifest: dict) -> str:
    body = {k: v for k, v in manifest.items() if k != "handtekening"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(settings.AUDIT_KEY.encode(), b"back-up|" + canonical.encode(), hashlib.sha256).hexdigest()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


@dataclass
class BackupResultaat:
    pad: Path
    tabellen: dict[str, int]
    bestanden: int
    gebeurtenissen: int


def backup_maken(pad: str | os.PathLike) -> BackupResultaat:
    """Writes a back-up of the whole database and MEDIA_ROOT to `pad` (a .tar.gz), atomically.

    Read in one transaction (on PostgreSQL REPEATABLE READ: one consistent snapshot while the
    application keeps working; on SQLite the transaction holds the write lock, so writers wait the
    few seconds it takes). The file appears under its name only when complete.
    """
    doel = Path(pad)
    if doel.is_dir():
        raise BackupFout(
            f"{doel} is een map; geef de naam van het back-upbestand, bijvoorbeeld {doel / 'wijkregie.tar.gz'}."
        )
    if not doel.parent.exists():
        raise BackupFout(f"De map {doel.parent} bestaat niet.")
    werk = Path(tempfile.mkdtemp(prefix=".wijkregie-back-up-", dir=doel.parent))
    try:
        eigen_transactie = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and eigen_transactie:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            bestanden: dict[str, str] = {}
            (werk / "tabellen").mkdir()
            for model in _modellen():
                naam = f"tabellen/{model._meta.label_lower}.json"
                with open(werk / naam, "w", encoding="utf-8") as fh:
                    serializers.serialize(
                        "json", model._base_manager.order_by("pk").iterator(chunk_size=2000), stream=fh, cls=_Encoder,
                    )
                bestanden[naam] = _sha256(werk / naam)
            tellingen = _tellingen()
            manifest = {
                "formaat": FORMAAT, "versie": VERSIE, "wijkregie": settings.VERSION, "database": connection.vendor,
                "gemaakt_op": timezone.now().isoformat(), "migraties": _migraties(), "tabellen": tellingen,
                "auditketens": _ketens(),
            }
        media = _media_root()
        documenten = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
        for pad_doc in documenten:
            bestanden["documenten/" + pad_doc.relative_to(media).as_posix()] = _sha256(pad_doc)
        manifest["bestanden"] = dict(sorted(bestanden.items()))
        manifest["handtekening"] = _onderteken(manifest)
        (werk / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
        )
        tijdelijk = werk / "archief.tar.gz"
        with tarfile.open(tijdelijk, "w:gz") as tar:
            tar.add(werk / MANIFEST, arcname=MANIFEST)
            for naam in manifest["bestanden"]:
                bron = media / naam[len("documenten/"):] if naam.startswith("documenten/") else werk / naam
                tar.add(bron, arcname=naam)
        os.chmod(tijdelijk, 0o600)  # it holds every resident's data
        os.replace(tijdelijk, doel)
    finally:
        shutil.rmtree(werk, ignore_errors=True)
    return BackupResultaat(doel, tellingen, len(documenten), sum(k["lengte"] for k in manifest["auditketens"].values()))


@dataclass
class _Archief:
    manifest: dict
    inhoud: dict[str, bytes] = field(default_factory=dict)


def _lezen(pad: Path) -> _Archief:
    """Reads and checks the whole archive before anything is written: format, signature, every checksum."""
    if not pad.is_file():
        raise BackupFout(f"Het back-upbestand {pad} bestaat niet.")
    inhoud: dict[str, bytes] = {}
    try:
        with tarfile.open(pad, "r:gz") as tar:
            for member in tar:
                if not member.isfile():
                    raise BackupFout(f"Het back-upbestand bevat iets anders dan gewone bestanden ({member.name}).")
                naam = member.name
                if naam.startswith("/") or ".." in Path(naam).parts:
                    raise BackupFout(f"Het back-upbestand bevat een onveilige bestandsnaam ({naam}).")
                inhoud[naam] = tar.extractfile(member).read()
    except BackupFout:
        raise
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BackupFout(
            f"Het back-upbestand is beschadigd of onvolledig en is niet teruggezet ({type(exc).__name__}). "
            "Er is niets veranderd."
        ) from None
    if MANIFEST not in inhoud:
        raise BackupFout("Dit is geen back-up van wijkregie (er zit geen manifest in). Er is niets veranderd.")
    try:
        manifest = json.loads(inhoud.pop(MANIFEST))
    except ValueError:
        raise BackupFout("Het manifest van de back-up is onleesbaar. Er is niets veranderd.") from None
    if not isinstance(manifest, dict) or manifest.get("formaat") != FORMAAT:
        raise BackupFout("Dit is geen back-up van wijkregie. Er is niets veranderd.")
    if manifest.get("versie") != VERSIE:
        raise BackupFout(
            f"Deze back-up heeft formaatversie {manifest.get('versie')}; deze wijkregie leest versie {VERSIE}."
        )
    if not hmac.compare_digest(str(manifest.get("handtekening", "")), _onderteken(manifest)):
        raise BackupFout(
            "De back-up is niet ondertekend met de auditsleutel van deze installatie: hij komt van een andere "
            "installatie (zet dezelfde AUDIT_KEY) of is gewijzigd. Er is niets veranderd."
        )
    verwacht = manifest.get("bestanden") or {}
    if set(verwacht) != set(inhoud):
        raise BackupFout(
            "Het back-upbestand is onvolledig: er ontbreken bestanden uit het manifest. Er is niets veranderd."
        )
    for naam, data in inhoud.items():
        if hashlib.sha256(data).hexdigest() != verwacht[naam]:
            raise BackupFout(
                f"Het bestand {naam} in de back-up is beschadigd (controlegetal klopt niet). Er is niets veranderd."
            )
    return _Archief(manifest, inhoud)


def _voorwaarden(archief: _Archief) -> None:
    """The target is a new, empty database of the same version, with no documents in the way."""
    eigen = _migraties()
    if eigen != archief.manifest.get("migraties"):
        verschil = sorted(set(eigen) ^ set(archief.manifest.get("migraties") or {})) or sorted(
            app for app in eigen if eigen[app] != archief.manifest["migraties"].get(app)
        )
        raise BackupFout(
            "De back-up hoort bij een andere versie van wijkregie (de migraties verschillen bij: "
            f"{', '.join(verschil)}). Zet dezelfde versie neer en voer 'wijkregie migrate' uit. Er is niets veranderd."
        )
    for model in _modellen():
        label = model._meta.label_lower
        if label in VAN_MIGRATE:
            continue
        aantal = model._base_manager.count()
        if aantal:
            raise BackupFout(
                f"De database is niet leeg (tabel {label} heeft {aantal} rijen). Zet een back-up alleen terug in een "
                "nieuwe database waarop alleen 'wijkregie migrate' is uitgevoerd. Er is niets veranderd."
            )
    media = _media_root()
    for naam in archief.inhoud:
        if naam.startswith("documenten/") and (media / naam[len("documenten/"):]).exists():
            raise BackupFout(f"Het document {naam[len('documenten/'):]} bestaat al in {media}. Er is niets veranderd.")


def weigering_vastleggen(reden: str) -> bool:
    """A refused restore is on record: in the audit trail of an installation in use.

    Not in a new, empty database (the usual restore target): an event there would make it non-empty and
    refuse the next, correct attempt, and its chain would collide with the back-up's own. There the
    refusal goes to the log (stderr) and the operator's terminal. Returns whether it was audited.
    """
    from .audit import AuditActie, AuditResultaat, audit_log
    from .models import AuditEvent

    # Events are sealed into chains after the fact: a database in use may hold events and no chain head yet.
    if not AuditEvent.objects.exists():
        logger.warning("terugzetten van een back-up geweigerd: %s", reden)
        return False
    with transaction.atomic():
        audit_log(actor=None, actie=AuditActie.EXECUTE, object_type="back-up", grondslag="technisch beheer",
                  doel="beveiliging", resultaat=AuditResultaat.GEWEIGERD,
                  omschrijving=f"terugzetten geweigerd: {reden}"[:200])
    return True


@dataclass
class HerstelResultaat:
    tabellen: dict[str, int]
    bestanden: int
    audit_intact: bool
    audit_reden: str


def backup_terugzetten(pad: str | os.PathLike) -> HerstelResultaat:
    """Restores the back-up at `pad` into this (new, empty) installation; all or nothing."""
    from .audit import AuditActie, audit_log, audit_verify

    archief = _lezen(Path(pad))
    _voorwaarden(archief)
    manifest = archief.manifest
    media = _media_root()
    documenten = {n[len("documenten/"):]: d for n, d in archief.inhoud.items() if n.startswith("documenten/")}
    # Documents are staged beside MEDIA_ROOT first and moved in only after the database committed.
    media.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".herstel-", dir=media.parent))
    try:
        for naam, data in documenten.items():
            (staging / naam).parent.mkdir(parents=True, exist_ok=True)
            (staging / naam).write_bytes(data)
        try:
            with transaction.atomic():
                _tabellen_terugzetten(archief)
                tellingen = _tellingen()
                if tellingen != manifest["tabellen"]:
                    verschil = [k for k in manifest["tabellen"] if tellingen.get(k) != manifest["tabellen"][k]]
                    raise BackupFout(
                        f"Na het terugzetten kloppen de aantallen niet ({', '.join(verschil[:5])}). "
                        "Er is niets veranderd."
                    )
                if _ketens() != manifest["auditketens"]:
                    raise BackupFout("Na het terugzetten klopt de kop van de auditketens niet. Er is niets veranderd.")
        except (IntegrityError, DatabaseError, serializers.base.DeserializationError) as exc:
            raise BackupFout(
                f"De back-up past niet in deze database ({type(exc).__name__}). Er is niets veranderd."
            ) from None
        for naam in documenten:
            doel = media / naam
            doel.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / naam, doel)
            os.chmod(doel, 0o600)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    # The chains as restored, without the checkpoint: that file belongs to the server, and on a server
    # that ran on after the back-up it rightly says the newer events are gone (docs/operations.md).
    uitslag = audit_verify(checkpoint=False)
    with transaction.atomic():
        audit_log(actor=None, actie=AuditActie.EXECUTE, object_type="back-up", grondslag="technisch beheer",
                  doel="beveiliging",
                  omschrijving=f"back-up van {manifest['gemaakt_op'][:19]} teruggezet "
                               f"({sum(manifest['tabellen'].values())} rijen, {len(documenten)} documenten)")
    return HerstelResultaat(manifest["tabellen"], len(documenten), uitslag.ok, uitslag.reason)


def _tabellen_terugzetten(archief: _Archief) -> None:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    # The new database's own content types and permissions make way for the back-up's (same ids).
    Permission.objects.all().delete()
    ContentType.objects.all().delete()
    modellen = []
    for model in _modellen():
        naam = f"tabellen/{model._meta.label_lower}.json"
        data = archief.inhoud.get(naam)
        if data is None:
            raise BackupFout(f"De back-up mist de tabel {model._meta.label_lower}. Er is niets veranderd.")
        rijen = []
        met_koppelingen = []
        for obj in serializers.deserialize("json", io.BytesIO(data), handle_forward_references=True):
            if any(obj.m2m_data.values()) or model._meta.parents:
                met_koppelingen.append(obj)
            else:
                rijen.append(obj.object)
        # Foreign keys are checked at commit (deferred on both databases), so the order of tables is free.
        model._base_manager.bulk_create(rijen, batch_size=500)
        for obj in met_koppelingen:
            obj.save()
        modellen.append(model)
    # PostgreSQL's id sequences continue after the restored ids (as loaddata does).
    statements = connection.ops.sequence_reset_sql(no_style(), modellen)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
