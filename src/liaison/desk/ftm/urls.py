"""The FollowTheMoney download page (its API route is in the API's URLs)."""

from django.urls import path

from liaison.desk.ftm import views

urlpatterns = [
    path("desk/export/ftm/", views.FtmExportView.as_view(), name="ftm_export"),
]
