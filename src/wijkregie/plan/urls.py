from django.urls import path

from . import views

app_name = "plan"
urlpatterns = [
    path("casussen/<int:pk>/vraagverheldering/", views.vraagverheldering, name="vraagverheldering"),
    path("casussen/<int:pk>/vraagverheldering/zrm/", views.zrm_opslaan, name="zrm_opslaan"),
    path("casussen/<int:pk>/vraagverheldering/consult/", views.consult_request, name="consult_vragen"),
    path("casussen/<int:pk>/veiligheid/", views.veiligheid, name="veiligheid"),
    path(
        "casussen/<int:pk>/veiligheid/analyse/",
        views.veiligheidsanalyse_vastleggen,
        name="veiligheidsanalyse_vastleggen",
    ),
    path("casussen/<int:pk>/veiligheid/meldcode/", views.meldcodestap_vastleggen, name="meldcodestap_vastleggen"),
    path("casussen/<int:pk>/plan/", views.plan, name="plan"),
    path("casussen/<int:pk>/plan/maken/", views.plan_create, name="plan_maken"),
    path("casussen/<int:pk>/plan/<int:versie>/", views.plan, name="plan_versie"),
    path("casussen/<int:pk>/plan/<int:versie>/pdf/", views.plan_pdf, name="plan_pdf"),
    # One URL per action on a version of the plan (POST only); the page above shows their forms.
    path("casussen/<int:pk>/plan/<int:versie>/onderbouwing/", views.plan_onderbouwing, name="plan_onderbouwing"),
    path("casussen/<int:pk>/plan/<int:versie>/doelen/", views.doel_toevoegen, name="doel_toevoegen"),
    path(
        "casussen/<int:pk>/plan/<int:versie>/doelen/<int:doel>/verwijderen/",
        views.doel_verwijderen,
        name="doel_verwijderen",
    ),
    path("casussen/<int:pk>/plan/<int:versie>/afspraken/", views.regel_toevoegen, name="regel_toevoegen"),
    path(
        "casussen/<int:pk>/plan/<int:versie>/afspraken/<int:regel>/verwijderen/",
        views.regel_verwijderen,
        name="regel_verwijderen",
    ),
    path("casussen/<int:pk>/plan/<int:versie>/ondertekenen/", views.plan_sign, name="plan_ondertekenen"),
    path(
        "casussen/<int:pk>/plan/<int:versie>/ter-ondertekening/",
        views.plan_offer_for_signing,
        name="plan_ter_ondertekening",
    ),
    path("casussen/<int:pk>/plan/<int:versie>/nieuwe-versie/", views.plan_new_version, name="plan_nieuwe_versie"),
    path("consulten/", views.consulten, name="consulten"),
    path("consulten/<int:pk>/", views.consult, name="consult"),
    path("ter-ondertekening/", views.te_tekenen, name="te_tekenen"),
]
