import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.text import slugify

from wijkregie.api.demo import demo_delen, demo_praktijk
from wijkregie.api.models import ApiToken, Scope
from wijkregie.api.services import STANDAARD_DAGEN, token_create, token_revoke
from wijkregie.core.models import Gemeente
from wijkregie.organisatie.models import Organisatie

DEMO_GEMEENTE = "den-helder"


class Command(BaseCommand):
    help = (
        "Partner API keys (docs/api.md). 'token' makes a key for an organisation of the sociale kaart and prints "
        "it once on standard output (details on standard error), e.g. "
        "`wijkregie api token --organisatie de-wering --scope verwijzen --scope signaleren`; with --demo one for "
        "the Den Helder demo's huisartsenpraktijk with every scope (made a betrokkene of one demo household "
        "that consents to share with it). 'intrekken --kenmerk PREFIX' revokes a key; "
        "'lijst' lists the keys (never their secrets)."
    )

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["token", "intrekken", "lijst"])
        parser.add_argument("--organisatie", help="The organisation's short name: its name in lower case with "
                                                  "hyphens (De Wering: de-wering).")
        parser.add_argument("--gemeente", help="The gemeente's short name, when organisations of two gemeenten "
                                               "share a name.")
        parser.add_argument("--scope", action="append", choices=Scope.values, default=[],
                            help="A right of the key; repeat for more.")
        parser.add_argument("--dagen", type=int, default=STANDAARD_DAGEN,
                            help=f"Days the key is valid (default {STANDAARD_DAGEN}).")
        parser.add_argument("--naam", default="", help="What the key is for (shown to the functioneel beheerder).")
        parser.add_argument("--demo", action="store_true",
                            help="A key for the demo's huisartsenpraktijk with every scope (demo mode only).")
        parser.add_argument("--kenmerk", help="The prefix of the key to revoke (the part after 'wr_').")

    def handle(self, *args, actie, **opties):
        if actie == "token":
            return self._token(**opties)
        if actie == "intrekken":
            return self._intrekken(opties["kenmerk"])
        return self._lijst(opties["organisatie"], opties["gemeente"])

    def _token(self, *, organisatie, gemeente, scope, dagen, naam, demo, **_):
        if demo:
            if not settings.DEMO_MODE:
                raise CommandError("Een demosleutel kan alleen in demomodus worden gemaakt (WIJKREGIE_DEMO=1).")
            org = _demo_praktijk()
            scope = scope or list(Scope.values)
            naam = naam or "demo"
        else:
            if not organisatie or not scope:
                raise CommandError("Geef --organisatie en ten minste één --scope (of --demo).")
            org = _organisatie(organisatie, gemeente)
        try:
            token, tekst = token_create(organisatie=org, naam=naam or "sleutel via de opdrachtregel", scopes=scope,
                                       dagen=dagen)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(tekst)
        sys.stderr.write(
            f"API-sleutel voor {org.naam} ({org.gemeente.naam}), rechten: {', '.join(token.scopes)}, geldig tot "
            f"{timezone.localtime(token.verloopt_op):%d-%m-%Y %H:%M}. Bewaar hem nu: hij wordt niet opgeslagen en "
            f"niet opnieuw getoond.\n")

    def _intrekken(self, kenmerk):
        token = ApiToken.objects.filter(prefix=(kenmerk or "").removeprefix("wr_")[:16]).first()
        if token is None:
            raise CommandError("Geen API-sleutel met dit kenmerk.")
        token_revoke(token=token)
        self.stdout.write(f"API-sleutel {token.prefix} van {token.organisatie} is ingetrokken.")

    def _lijst(self, organisatie, gemeente):
        tokens = ApiToken.objects.select_related("organisatie").order_by("organisatie__naam", "-aangemaakt_op")
        if organisatie:
            tokens = tokens.filter(organisatie=_organisatie(organisatie, gemeente))
        nu = timezone.now()
        for t in tokens:
            staat = "ingetrokken" if t.ingetrokken_op else ("verlopen" if t.verloopt_op <= nu else "geldig")
            self.stdout.write(f"{t.prefix}  {t.organisatie.naam:<32} {','.join(t.scopes):<32} {staat:<11} "
                              f"tot {timezone.localtime(t.verloopt_op):%d-%m-%Y}  {t.naam}")


def _organisatie(slug: str, gemeente_slug: str | None) -> Organisatie:
    """The organisation whose name, in lower case with hyphens, is `slug` (in `gemeente_slug`, if given)."""
    kandidaten = Organisatie.objects.select_related("gemeente")
    if gemeente_slug:
        kandidaten = kandidaten.filter(gemeente__slug=gemeente_slug)
    gevonden = [o for o in kandidaten if slugify(o.naam) == slug]
    if not gevonden:
        raise CommandError(f"Geen organisatie '{slug}' op de sociale kaart (de naam in kleine letters met "
                           f"streepjes, bijvoorbeeld de-wering).")
    if len(gevonden) > 1:
        raise CommandError(f"'{slug}' bestaat in meer gemeenten: kies er een met --gemeente "
                           f"({', '.join(sorted(o.gemeente.slug for o in gevonden))}).")
    return gevonden[0]


def _demo_praktijk() -> Organisatie:
    """The demo's huisartsenpraktijk, betrokken in one demo household that consented to share with it."""
    gemeente = Gemeente.objects.filter(slug=DEMO_GEMEENTE).first()
    if gemeente is None:
        raise CommandError("Laad eerst de demo (make run, of wijkregie demo).")
    demo_delen(gemeente)
    return demo_praktijk(gemeente)
