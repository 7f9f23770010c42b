"""Pages of screening."""

from django.urls import path

from liaison.screening import views

urlpatterns = [
    path("screening/", views.ScreeningListList.as_view(), name="screening_list_list"),
    path("screening/lists/new/", views.ScreeningListCreate.as_view(), name="screening_list_create"),
    path("screening/lists/<int:pk>/", views.ScreeningListDetail.as_view(), name="screening_list_detail"),
    path("screening/lists/<int:pk>/columns/", views.ScreeningListMap.as_view(), name="screening_list_map"),
    path("screening/lists/<int:pk>/run/", views.ScreeningListRun.as_view(), name="screening_list_run"),
    path("screening/lists/<int:pk>/delete/", views.ScreeningListDelete.as_view(), name="screening_list_delete"),
    path("screening/runs/<int:pk>/", views.ScreeningRunDetail.as_view(), name="screening_run_detail"),
    path("screening/runs/<int:pk>/cancel/", views.ScreeningRunCancel.as_view(), name="screening_run_cancel"),
    path("screening/runs/<int:pk>/progress/", views.ScreeningRunProgress.as_view(), name="screening_run_progress"),
    path("screening/hits/<int:pk>/decide/", views.HitDecide.as_view(), name="screening_hit_decide"),
]
