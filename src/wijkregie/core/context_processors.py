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
        # The first path segment says which menu item is current (aria-current="page").
        "nav_section": request.path.strip("/").split("/")[0],
        "gemeente": getattr(user, "gemeente", None) if user is not None and user.is_authenticated else None,
    }
