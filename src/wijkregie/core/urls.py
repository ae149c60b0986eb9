from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("health", views.health, name="health"),
    path("inloggen/", views.login_view, name="login"),
    path("inloggen/tweestaps/", views.tweestaps, name="tweestaps"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("account/activeren/", views.activeren, name="activeren"),
    path("account/activeren/<str:token>/", views.activeren_link, name="activeren_link"),
]
