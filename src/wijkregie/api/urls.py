"""/api/v1/: the partner API (docs/api.md) and its OpenAPI 3 document.

Every view is exempt from the pages' login (LoginRequiredMiddleware): the API checks a partner's key
itself and answers 401, never a redirect to the login page, and never data for a session.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularJSONAPIView

from . import views
from .problemen import niet_gevonden

app_name = "api"


def _open(view):
    return login_not_required(view)


urlpatterns = [
    path("verwijzingen/", _open(views.VerwijzingenView.as_view()), name="verwijzingen"),
    path("verwijzingen/<uuid:id>/", _open(views.VerwijzingView.as_view()), name="verwijzing"),
    path("signalen/", _open(views.SignalenView.as_view()), name="signalen"),
    path("casussen/", _open(views.CasussenView.as_view()), name="casussen"),
    path("casussen/<uuid:id>/plan/", _open(views.PlanView.as_view()), name="plan"),
    path("casussen/<uuid:id>/voorstellen/", _open(views.VoorstellenView.as_view()), name="voorstellen"),
    # The document describes the API, no data: anyone may read it (YAML, or JSON at openapi.json).
    path("schema/", _open(SpectacularAPIView.as_view()), name="schema"),
    path("openapi.json", _open(SpectacularJSONAPIView.as_view()), name="openapi"),
    re_path(r"^", _open(niet_gevonden)),
]
