from django.urls import path

from . import views

app_name = "casus"
urlpatterns = [
    path("casussen/", views.casussen, name="casussen"),
    path("casussen/<int:pk>/", views.casus, name="casus"),
    path("personen/<int:pk>/toestemming/", views.toestemming_nieuw, name="toestemming_nieuw"),
    path("personen/<int:pk>/toestemming/<int:toestemming_pk>/intrekken/", views.toestemming_withdraw,
         name="toestemming_intrekken"),
    path("personen/<int:pk>/toestemming/<int:toestemming_pk>/document/", views.toestemming_document,
         name="toestemming_document"),
]
