"""Public event pages and exports (URLs are part of the public contract)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.timeline_view, name="timeline"),
    path("events/", views.events_index, name="event_index"),
    path("events/<int:pk>/", views.event_detail_view, name="event_detail"),
    path("events/export.csv", views.export_csv, name="event_export_csv"),
    path("events/export.ics", views.export_ics, name="event_export_ics"),
    path("events/export.json", views.export_json, name="event_export_json"),
]
