from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("audit/", views.audit, name="audit"),
    path("audit/controleren/", views.audit_controleren, name="audit_controleren"),
    path("audit/beoordelen/", views.beoordelen, name="beoordelen"),
    path("audit/inzage/", views.inzageverzoeken, name="inzageverzoeken"),
    path("audit/inzage/<int:pk>/", views.inzageverzoek, name="inzageverzoek"),
    path("audit/inzage/<int:pk>/pdf/", views.inzage_pdf, name="inzage_pdf"),
    path("audit/inzage/<int:pk>/json/", views.inzage_json, name="inzage_json"),
    path("noodtoegang/", views.noodtoegang, name="noodtoegang"),
]
# Retention and correction/deletion requests (issue 14, items 2 and 3), in this namespace.
from .urls_verzoeken import urlpatterns as verzoeken_urlpatterns  # noqa: E402

urlpatterns += verzoeken_urlpatterns
