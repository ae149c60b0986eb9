from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "core"
urlpatterns = [
    path("health", views.health, name="health"),
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/tweestaps/", views.tweestaps, name="tweestaps"),
    path("uitloggen/", views.logout_view, name="logout"),
    # The audit page moved to the privacy app (privacy:audit, same address, included before core in
    # config/urls.py, so this pattern never answers): kept only so that reverse("core:audit") in
    # templates not yet changed still gives /audit/. Remove when nothing names core:audit.
    path("audit/", RedirectView.as_view(pattern_name="privacy:audit"), name="audit"),
]
