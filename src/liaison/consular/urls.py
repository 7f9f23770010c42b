"""Pages of the citizens-abroad domain (reversed as "consular:<name>")."""

from django.urls import path

from liaison.consular import views

app_name = "consular"


def _record_paths(base: str, name: str, pages: dict) -> list:  # type: ignore[type-arg]
    return [
        path(f"consular/{base}/", pages["list"].as_view(), name=f"{name}_list"),
        path(f"consular/{base}/new/", pages["create"].as_view(), name=f"{name}_create"),
        path(f"consular/{base}/<int:pk>/", pages["detail"].as_view(), name=f"{name}_detail"),
        path(f"consular/{base}/<int:pk>/edit/", pages["edit"].as_view(), name=f"{name}_edit"),
        path(f"consular/{base}/<int:pk>/delete/", pages["delete"].as_view(), name=f"{name}_delete"),
    ]


urlpatterns = [
    path("consular/cases/", views.CaseList.as_view(), name="case_list"),
    path("consular/cases/new/", views.CaseCreate.as_view(), name="case_create"),
    path("consular/cases/<int:pk>/", views.CaseDetail.as_view(), name="case_detail"),
    path("consular/cases/<int:pk>/edit/", views.CaseEdit.as_view(), name="case_edit"),
    path("consular/cases/<int:pk>/transition/", views.CaseTransition.as_view(), name="case_transition"),
    path("consular/cases/<int:pk>/notify/", views.CaseNotify.as_view(), name="case_notify"),
    path("consular/cases/<int:pk>/acknowledge/", views.CaseAcknowledge.as_view(), name="case_acknowledge"),
    path("consular/cases/<int:pk>/events/", views.CaseEvent.as_view(), name="case_event"),
    path("consular/cases/<int:pk>/imprisonment/", views.CaseImprisonment.as_view(), name="case_imprisonment"),
    path("consular/calendar/", views.Calendar.as_view(), name="calendar"),
    path("consular/calendar.ics", views.CalendarFile.as_view(), name="calendar_file"),
    *_record_paths("facilities", "facility", views.FACILITY),
    *_record_paths("rules", "rule", views.RULE),
    *_record_paths("incidents", "incident", views.INCIDENT),
]
