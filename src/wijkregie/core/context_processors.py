from django.conf import settings


def shell(request):
    """What the page shell needs on every page: version, demo banner, the user's gemeente."""
    user = getattr(request, "user", None)
    return {
        "WIJKREGIE_VERSION": settings.VERSION,
        "DEMO_MODE": settings.DEMO_MODE,
        # The first path segment says which menu item is current (aria-current="page").
        "nav_section": request.path.strip("/").split("/")[0],
        "gemeente": getattr(user, "gemeente", None) if user is not None and user.is_authenticated else None,
    }
