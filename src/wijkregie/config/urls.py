from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from wijkregie.core.access import toont
from wijkregie.monitor.views import ervaring
from wijkregie.regie.views import start

urlpatterns = [
    # The start page gathers blocks from every phase, so it lives in the highest app so far.
    path("", start, name="start"),
    # privacy before core: its audit/ answers; core keeps a name for it (core/urls.py).
    path("", include("wijkregie.privacy.urls")),
    path("", include("wijkregie.core.urls")),
    path("", include("wijkregie.organisatie.urls")),
    path("", include("wijkregie.inwoners.urls")),
    path("", include("wijkregie.casus.urls")),
    path("", include("wijkregie.toegang.urls")),
    path("", include("wijkregie.plan.urls")),
    path("", include("wijkregie.regie.urls")),
    path("", include("wijkregie.monitor.urls")),
    path("", include("wijkregie.backoffice.urls")),
    path("", include("wijkregie.overstap.urls")),
    # The partner API authenticates by key, not by session (docs/api.md); its keys are made on a staff page.
    path("api/v1/", include("wijkregie.api.urls")),
    path("", include("wijkregie.api.beheer_urls")),
    # The partner portal: pages with two-step login for partners without their own software (docs/api.md).
    path("portaal/", include("wijkregie.portaal.urls")),
    # The resident's survey link: short, no login, no app prefix to explain.
    path("ervaring/<str:token>/", ervaring, name="ervaring"),
    # Language choice works before logging in too (the login page offers it).
    path("taal/", toont(publiek=True)(login_not_required(set_language)), name="set_language"),
    # Django admin is for technical administrators only; functional admins use the pages.
    path("technisch-beheer/", admin.site.urls),
]

handler403 = "wijkregie.core.views.permission_denied"
