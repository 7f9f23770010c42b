"""Pages of the INTERPOL public notice import."""

from django.urls import path

from liaison.desk.interpol import views

urlpatterns = [
    path("desk/interpol/import/", views.InterpolImportView.as_view(), name="interpol_import"),
    path("desk/interpol/import/preview/", views.InterpolImportPreviewView.as_view(), name="interpol_import_preview"),
]
