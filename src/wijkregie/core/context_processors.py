from django.conf import settings


def shell(request):
    """What the page shell needs on every page: version, demo banner, the user's gemeente."""
    user = getattr(request, "user", None)
    rollen = user.rollen if user is not None and user.is_authenticated and getattr(user, "gemeente_id", None) else frozenset()
    # Menu items per role (codes from the glossary's roles; core does not import organisatie).
    menu = {
        "registreren": bool(rollen & {"medewerker", "kcc", "bureaudienst", "teamleider", "gedragswetenschapper", "backoffice"}),
        "casussen": bool(rollen & {"medewerker", "bureaudienst", "teamleider", "gedragswetenschapper"}),
        "bureaudienst": bool(rollen & {"bureaudienst", "teamleider", "gedragswetenschapper"}),
        "signalen": bool(rollen & {"bureaudienst", "kcc"}),
        "monitor": bool(rollen & {"beleidsmedewerker", "teamleider", "medewerker", "bureaudienst", "gedragswetenschapper"}),
    }
    return {
        "menu": menu,
        "WIJKREGIE_VERSION": settings.VERSION,
        "DEMO_MODE": settings.DEMO_MODE,
        # The first path segment says which menu item is current (aria-current="page").
        "nav_section": request.path.strip("/").split("/")[0],
        "gemeente": getattr(user, "gemeente", None) if user is not None and user.is_authenticated else None,
    }
