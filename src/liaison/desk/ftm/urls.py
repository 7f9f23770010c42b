"""The FollowTheMoney download page (its API route, `api/ftm/`, is in desk/api/urls.py)."""

from django.urls import path

from liaison.desk.ftm import views

urlpatterns = [
    path("desk/export/ftm/", views.FtmExportView.as_view(), name="ftm_export"),
]
