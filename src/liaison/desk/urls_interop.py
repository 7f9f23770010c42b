"""Pages of the desk's data exchange: INTERPOL public notice import, FollowTheMoney export (the desk's record
pages are in urls.py; the export's API route is in api_urls.py)."""

from django.urls import path

from liaison.desk import interop_views

urlpatterns = [
    path("desk/interpol/import/", interop_views.InterpolImportView.as_view(), name="interpol_import"),
    path(
        "desk/interpol/import/preview/",
        interop_views.InterpolImportPreviewView.as_view(),
        name="interpol_import_preview",
    ),
    path("desk/export/ftm/", interop_views.FtmExportView.as_view(), name="ftm_export"),
]
