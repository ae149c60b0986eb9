"""URLs of retention (and correction/deletion requests): added to privacy/urls.py's list, so in its namespace."""

from django.urls import path

from . import views_verzoeken

urlpatterns = [
    path("privacy/bewaartermijnen/", views_verzoeken.bewaartermijnen, name="bewaartermijnen"),
    path("privacy/verzoeken/", views_verzoeken.verzoeken, name="verzoeken"),
]
