from django.conf import settings


def shell(request):
    """What the page shell needs on every page: version, demo banner, the user's gemeente."""
    user = getattr(request, "user", None)
    ingelogd = user is not None and user.is_authenticated and getattr(user, "gemeente_id", None)
    # Menu items ask the access policy's action rules (organisatie/rules.py): no role lists here.
    menu = {
        naam: bool(ingelogd and user.has_perm(perm))
        for naam, perm in (
            ("registreren", "inwoners.registreren"), ("casussen", "casus.lijst"),
            ("bureaudienst", "toegang.wachtrij"), ("signalen", "toegang.signalen"), ("monitor", "monitor.zien"),
        )
    }
    return {
        "menu": menu,
        "WIJKREGIE_VERSION": settings.VERSION,
        "DEMO_MODE": settings.DEMO_MODE,
        "nav_section": _sectie(request.path),
        "gemeente": getattr(user, "gemeente", None) if user is not None and user.is_authenticated else None,
    }


def _sectie(path: str) -> str:
    """Which menu item is current (aria-current="page"): the first path segment, except that only the
    form itself is "Aanmelden"; an aanmelding's own pages (triage, toedeling, koppelen) are the
    bureaudienst's work (issue 13: the triage page highlighted "Aanmelden")."""
    delen = path.strip("/").split("/")
    if delen[0] == "aanmeldingen" and delen[1:2] != ["nieuw"]:
        return "bureaudienst"
    return delen[0]
