from django.urls import include, path

from . import views

app_name = "backoffice"
urlpatterns: list = [
    path("backoffice/", views.wachtrij, name="wachtrij"),
    path("backoffice/verzoeken/<int:pk>/", views.besluit, name="besluit"),
    path("backoffice/beschikkingen/<int:pk>/", views.beschikking, name="beschikking"),
    path("backoffice/beschikkingen/<int:pk>/pdf/", views.beschikking_pdf, name="beschikking_pdf"),
    path("backoffice/aflopend/", views.aflopend, name="aflopend"),
    # The iWmo/iJw exchange's pages (upload, download, message log) have their own module.
    path("", include("wijkregie.backoffice.urls_berichten")),
    # CBS: Beleidsinformatie Jeugd (backoffice) and the GMSD Wmo figures (beleidsmedewerker).
    path("", include("wijkregie.backoffice.urls_cbs")),
]
