"""Pages of the cooperation registry: its records, the partner pages, the calendar and its feed, the import."""

from django.urls import path

from liaison.cooperation import import_views, views

_RESOURCES = [
    ("agreements", "agreement", views.AgreementList, views.AgreementDetail, views.AgreementCreate,
     views.AgreementUpdate, views.AgreementDelete),
    ("programmes", "programme", views.ProgrammeList, views.ProgrammeDetail, views.ProgrammeCreate,
     views.ProgrammeUpdate, views.ProgrammeDelete),
    ("action-items", "action_item", views.ActionItemList, views.ActionItemDetail, views.ActionItemCreate,
     views.ActionItemUpdate, views.ActionItemDelete),
    ("engagements", "engagement", views.EngagementList, views.EngagementDetail, views.EngagementCreate,
     views.EngagementUpdate, views.EngagementDelete),
    ("training", "training", views.TrainingList, views.TrainingDetail, views.TrainingCreate,
     views.TrainingUpdate, views.TrainingDelete),
    ("capacity-projects", "capacity_project", views.CapacityProjectList, views.CapacityProjectDetail,
     views.CapacityProjectCreate, views.CapacityProjectUpdate, views.CapacityProjectDelete),
]  # fmt: skip

urlpatterns = []
for segment, prefix, list_view, detail, create, update, delete in _RESOURCES:
    urlpatterns += [
        path(f"cooperation/{segment}/", list_view.as_view(), name=f"{prefix}_list"),
        path(f"cooperation/{segment}/new/", create.as_view(), name=f"{prefix}_create"),
        path(f"cooperation/{segment}/<int:pk>/", detail.as_view(), name=f"{prefix}_detail"),
        path(f"cooperation/{segment}/<int:pk>/edit/", update.as_view(), name=f"{prefix}_update"),
        path(f"cooperation/{segment}/<int:pk>/delete/", delete.as_view(), name=f"{prefix}_delete"),
    ]

urlpatterns += [
    path(
        "cooperation/agreements/<int:pk>/transition/",
        views.AgreementTransition.as_view(),
        name="agreement_transition",
    ),
    path(
        "cooperation/agreements/<int:pk>/documents/",
        views.AgreementDocumentUpload.as_view(),
        name="agreement_document_upload",
    ),
    path(
        "cooperation/agreements/<int:pk>/links/",
        views.AgreementLinkCreate.as_view(),
        name="agreement_link_create",
    ),
    path(
        "cooperation/documents/<int:pk>/download/",
        views.AgreementDocumentDownload.as_view(),
        name="agreement_document_download",
    ),
    path(
        "cooperation/action-items/<int:pk>/transition/",
        views.ActionItemTransition.as_view(),
        name="action_item_transition",
    ),
    path(
        "cooperation/action-items/<int:pk>/progress/",
        views.ActionItemProgress.as_view(),
        name="action_item_progress",
    ),
    path(
        "cooperation/engagements/<int:pk>/participants/",
        views.ParticipantCreate.as_view(),
        name="engagement_participant_create",
    ),
    path(
        "cooperation/engagements/<int:pk>/outcomes/",
        views.OutcomeCreate.as_view(),
        name="engagement_outcome_create",
    ),
    path(
        "cooperation/outcomes/<int:pk>/make-action-item/",
        views.OutcomeMakeActionItem.as_view(),
        name="outcome_make_action_item",
    ),
    path(
        "cooperation/capacity-projects/<int:pk>/transition/",
        views.CapacityProjectTransition.as_view(),
        name="capacity_project_transition",
    ),
    path("partners/", views.PartnerIndexView.as_view(), name="partners"),
    path("partners/<int:pk>/", views.PartnerDetailView.as_view(), name="partner_detail"),
    path("calendar/", views.CalendarView.as_view(), name="calendar"),
    path("calendar/feed/rotate/", views.CalendarFeedRotateView.as_view(), name="calendar_feed_rotate"),
    path("calendar/feed/revoke/", views.CalendarFeedRevokeView.as_view(), name="calendar_feed_revoke"),
    path("calendar/feed/<str:token>.ics", views.CalendarFeedView.as_view(), name="calendar_feed"),
    path("import/", import_views.ImportUploadView.as_view(), name="import_upload"),
    path("import/preview/", import_views.ImportPreviewView.as_view(), name="import_preview"),
    path("import/template/", import_views.ImportTemplateView.as_view(), name="import_template"),
]
