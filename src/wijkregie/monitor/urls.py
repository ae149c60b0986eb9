from django.urls import path, re_path

from . import views

app_name = "monitor"
urlpatterns = [
    path("monitor/", views.overzicht, name="overzicht"),
    path("monitor/wijk/<int:pk>/", views.wijk, name="wijk"),
    path("monitor/team/<int:pk>/", views.team, name="team"),
    re_path(r"^monitor/export\.(?P<formaat>csv|xlsx)$", views.export, name="export"),
    path("monitor/rapport.pdf", views.rapport, name="rapport"),
    path("monitor/onderzoek.csv", views.onderzoek, name="onderzoek"),
    path("monitor/nulmeting/", views.nulmeting, name="nulmeting"),
    path("monitor/definities/", views.definities, name="definities"),
    path("monitor/clientervaring/", views.ervaringen, name="ervaringen"),
    path("monitor/clientervaring/<int:pk>/", views.uitnodiging, name="uitnodiging"),
]
