from django.urls import include, path

app_name = "backoffice"
urlpatterns: list = [
    # The iWmo/iJw exchange's pages (upload, download, message log) have their own module.
    path("", include("wijkregie.backoffice.urls_berichten")),
]
