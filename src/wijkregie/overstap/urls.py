from django.urls import path

from . import views

app_name = "overstap"
urlpatterns = [
    path("overstap/", views.inlezen, name="inlezen"),
    path("overstap/importeren/", views.importeren, name="importeren"),
    path("overstap/sjabloon.csv", views.sjabloon, {"formaat": "csv"}, name="sjabloon_csv"),
    path("overstap/sjabloon.xlsx", views.sjabloon, {"formaat": "xlsx"}, name="sjabloon_xlsx"),
]
