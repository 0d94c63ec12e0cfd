"""Public pages of the knowledge-base tables (URLs are part of the public
contract)."""

from django.urls import path

from . import views

urlpatterns = [
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/export.csv", views.organisation_export, name="organisation_export_csv"),
    path("people/", views.person_list, name="person_list"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/export.csv", views.person_export, name="person_export_csv"),
    path("regions/", views.region_list, name="region_list"),
    path("regions/<int:pk>/", views.region_detail, name="region_detail"),
    path("regions/export.csv", views.region_export, name="region_export_csv"),
    path("quotes/", views.quote_list, name="quote_list"),
    path("quotes/export.csv", views.quote_export, name="quote_export_csv"),
    path("sources/", views.source_list, name="source_list"),
    path("sources/<int:pk>/", views.source_detail, name="source_detail"),
    path("sources/export.csv", views.source_export, name="source_export_csv"),
    path("script/", views.script_switch, name="script_switch"),
]
