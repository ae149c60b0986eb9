from django.urls import path

from . import views

app_name = "regie"
urlpatterns = [
    path("casussen/<int:pk>/regie/", views.regie, name="regie"),
    # One URL per action of the regie page (POST only).
    path("casussen/<int:pk>/regie/overdragen/", views.regie_transfer, name="regie_overdragen"),
    path("casussen/<int:pk>/regie/betrokkenen/", views.betrokkene_add, name="betrokkene_toevoegen"),
    path("casussen/<int:pk>/regie/contactmomenten/", views.contactmoment_vastleggen, name="contactmoment_vastleggen"),
    path("casussen/<int:pk>/regie/schalen/", views.casus_scale, name="schalen"),
    path("casussen/<int:pk>/regie/afsluiten/", views.afsluiten, name="afsluiten"),
    path("casussen/<int:pk>/regie/heropenen/", views.heropenen, name="heropenen"),
    path("casussen/<int:pk>/contact/", views.snel_contact, name="snel_contact"),
    path("contact/", views.contact_vastleggen, name="contact_vastleggen"),
    path("casussen/<int:pk>/tijdlijn/", views.tijdlijn, name="tijdlijn"),
    path("evaluaties/<int:pk>/", views.evaluatie, name="evaluatie"),
    path("check-ins/<int:pk>/", views.checkin, name="checkin"),
    path("caseload/", views.caseload, name="caseload"),
]
