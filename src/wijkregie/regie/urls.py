from django.urls import path

from . import views

app_name = "regie"
urlpatterns = [
    path("casussen/<int:pk>/regie/", views.regie, name="regie"),
    path("casussen/<int:pk>/contact/", views.snel_contact, name="snel_contact"),
    path("contact/", views.contact_vastleggen, name="contact_vastleggen"),
    path("casussen/<int:pk>/tijdlijn/", views.tijdlijn, name="tijdlijn"),
    path("evaluaties/<int:pk>/", views.evaluatie, name="evaluatie"),
    path("check-ins/<int:pk>/", views.checkin, name="checkin"),
    path("caseload/", views.caseload, name="caseload"),
]
