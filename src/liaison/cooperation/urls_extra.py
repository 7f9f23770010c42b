"""Partner pages, the calendar and its feed, and the import (the record pages are in urls.py)."""

from django.urls import path

from liaison.cooperation import calendar_views, import_views, partner_views

urlpatterns = [
    path("partners/", partner_views.PartnerIndexView.as_view(), name="partners"),
    path("partners/<int:pk>/", partner_views.PartnerDetailView.as_view(), name="partner_detail"),
    path("calendar/", calendar_views.CalendarView.as_view(), name="calendar"),
    path("calendar/feed/rotate/", calendar_views.CalendarFeedRotateView.as_view(), name="calendar_feed_rotate"),
    path("calendar/feed/revoke/", calendar_views.CalendarFeedRevokeView.as_view(), name="calendar_feed_revoke"),
    path("calendar/feed/<str:token>.ics", calendar_views.CalendarFeedView.as_view(), name="calendar_feed"),
    path("import/", import_views.ImportUploadView.as_view(), name="import_upload"),
    path("import/preview/", import_views.ImportPreviewView.as_view(), name="import_preview"),
    path("import/template/", import_views.ImportTemplateView.as_view(), name="import_template"),
]
