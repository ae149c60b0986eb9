from django.urls import path

from . import views

app_name = "casus"
urlpatterns = [
    path("casussen/", views.mijn_casussen, name="casussen"),
    path("casussen/<int:pk>/", views.casus, name="casus"),
]
