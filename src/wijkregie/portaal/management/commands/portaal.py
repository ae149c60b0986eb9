import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from wijkregie.api.management.commands.api import _demo_praktijk, _organisatie
from wijkregie.api.models import Scope
from wijkregie.organisatie.demo import DEMO_WACHTWOORD
from wijkregie.portaal.models import PortaalGebruiker
from wijkregie.portaal.services import activatie_issue, activatie_required, gebruiker_create

DEMO_GEBRUIKER = "praktijk"


class Command(BaseCommand):
    help = (
        "Partner portal accounts (docs/portaal.md). 'gebruiker' makes an account for a person at an organisation of "
        "the sociale kaart and prints, once, its activation link's path (outside demo mode: the person chooses the "
        "password and enrols the authenticator with it) or in demo mode its password, e.g. "
        "`wijkregie portaal gebruiker --organisatie "
        "huisartsenpraktijk-julianadorp --gebruikersnaam f.jansen --naam 'F. Jansen' --scope verwijzen`; 'demo' "
        "makes the demo's account for the huisartsenpraktijk (user 'praktijk', the demo password, every scope; "
        "demo mode only); 'lijst' lists the accounts."
    )

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["gebruiker", "demo", "lijst"])
        parser.add_argument("--organisatie", help="The organisation's name in lower case with hyphens.")
        parser.add_argument("--gemeente", help="The gemeente's short name, when two have an organisation of that name.")
        parser.add_argument("--gebruikersnaam")
        parser.add_argument("--naam", default="", help="The person's name, shown in the audit trail.")
        parser.add_argument("--scope", action="append", choices=Scope.values, default=[],
                            help="What the account may do; repeat for more.")

    def handle(self, *args, actie, organisatie, gemeente, gebruikersnaam, naam, scope, **opties):
        if actie == "lijst":
            for g in PortaalGebruiker.objects.select_related("organisatie"):
                self.stdout.write(f"{g.gebruikersnaam}\t{g.naam}\t{g.organisatie}\t{','.join(g.scopes)}\t"
                                  f"{'actief' if g.actief else 'uit'}")
            return
        if actie == "demo":
            if not settings.DEMO_MODE:
                raise CommandError("Het demoaccount kan alleen in demomodus worden gemaakt (WIJKREGIE_DEMO=1).")
            org = _demo_praktijk()  # also: the practice betrokken in one demo household that consented
            if not PortaalGebruiker.objects.filter(gebruikersnaam=DEMO_GEBRUIKER).exists():
                gebruiker_create(organisatie=org, gebruikersnaam=DEMO_GEBRUIKER, naam="Demo-assistent",
                                scopes=Scope.values, wachtwoord=DEMO_WACHTWOORD)
            self.stdout.write(f"Partnerportaal: /portaal/inloggen/ met gebruikersnaam '{DEMO_GEBRUIKER}' en wachtwoord "
                              f"'{DEMO_WACHTWOORD}' ({org.naam}).")
            return
        if not organisatie or not gebruikersnaam or not scope:
            raise CommandError("Geef --organisatie, --gebruikersnaam en ten minste één --scope (of: demo).")
        if PortaalGebruiker.objects.filter(gebruikersnaam=gebruikersnaam).exists():
            raise CommandError(f"De gebruikersnaam '{gebruikersnaam}' bestaat al.")
        org = _organisatie(organisatie, gemeente)
        import secrets

        from django.urls import reverse

        wachtwoord = "" if activatie_required() else secrets.token_urlsafe(12)
        gebruiker = gebruiker_create(organisatie=org, gebruikersnaam=gebruikersnaam, naam=naam or gebruikersnaam,
                                    scopes=scope, wachtwoord=wachtwoord)
        rechten = ", ".join(sorted(set(scope)))
        if activatie_required():
            self.stdout.write(f"{reverse('portaal:activeren')}?t={activatie_issue(gebruiker=gebruiker, door=None)}")
            sys.stderr.write(
                f"Portaalaccount '{gebruikersnaam}' voor {org.naam}, rechten: {rechten}. Zet het adres van "
                f"de installatie voor deze activeringslink en geef hem veilig door: hij werkt 72 uur en één "
                f"keer; de persoon kiest er een wachtwoord mee en stelt de authenticator-app in.\n"
            )
        else:
            self.stdout.write(wachtwoord)
            sys.stderr.write(f"Portaalaccount '{gebruikersnaam}' voor {org.naam}, rechten: {rechten} (demomodus: "
                             f"wachtwoord, geen tweede stap).\n")
