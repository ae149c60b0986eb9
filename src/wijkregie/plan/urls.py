from django.urls import path

from . import views

app_name = "plan"
urlpatterns = [
    path("casussen/<int:pk>/vraagverheldering/", views.vraagverheldering, name="vraagverheldering"),
    path("casussen/<int:pk>/veiligheid/", views.veiligheid, name="veiligheid"),
    path("casussen/<int:pk>/plan/", views.plan, name="plan"),
    path("casussen/<int:pk>/plan/maken/", views.plan_maken, name="plan_maken"),
    path("casussen/<int:pk>/plan/<int:versie>/", views.plan, name="plan_versie"),
    path("casussen/<int:pk>/plan/<int:versie>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("consulten/", views.consulten, name="consulten"),
    path("consulten/<int:pk>/", views.consult, name="consult"),
    path("ter-ondertekening/", views.te_tekenen, name="te_tekenen"),
]
