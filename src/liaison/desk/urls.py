"""Pages of the liaison desk: notices and their offences, fugitive cases with their timeline and documents,
each partner's deadlines, and the data exchange (INTERPOL import, FollowTheMoney export)."""

from django.urls import include, path

from liaison.desk import views

urlpatterns = [
    # notices
    path("desk/notices/", views.NoticeList.as_view(), name="notice_list"),
    path("desk/notices/new/", views.NoticeCreate.as_view(), name="notice_create"),
    path("desk/notices/<int:pk>/", views.NoticeDetail.as_view(), name="notice_detail"),
    path("desk/notices/<int:pk>/edit/", views.NoticeEdit.as_view(), name="notice_edit"),
    path("desk/notices/<int:pk>/transition/", views.NoticeTransition.as_view(), name="notice_transition"),
    path("desk/notices/<int:pk>/review/", views.NoticeReview.as_view(), name="notice_review"),
    path("desk/notices/<int:pk>/share/", views.NoticeShare.as_view(), name="notice_share"),
    path("desk/notices/<int:pk>/unshare/", views.NoticeUnshare.as_view(), name="notice_unshare"),
    path("desk/notices/<int:pk>/offences/new/", views.OffenceCreate.as_view(), name="notice_offence_create"),
    path("desk/offences/<int:pk>/edit/", views.OffenceEdit.as_view(), name="notice_offence_edit"),
    path("desk/offences/<int:pk>/delete/", views.OffenceDelete.as_view(), name="notice_offence_delete"),
    # fugitive cases
    path("desk/cases/", views.FugitiveCaseList.as_view(), name="fugitive_case_list"),
    path("desk/cases/new/", views.FugitiveCaseCreate.as_view(), name="fugitive_case_create"),
    path("desk/cases/<int:pk>/", views.FugitiveCaseDetail.as_view(), name="fugitive_case_detail"),
    path("desk/cases/<int:pk>/edit/", views.FugitiveCaseEdit.as_view(), name="fugitive_case_edit"),
    path("desk/cases/<int:pk>/transition/", views.FugitiveCaseTransition.as_view(), name="fugitive_case_transition"),
    path("desk/cases/<int:pk>/notes/", views.FugitiveCaseNote.as_view(), name="fugitive_case_note"),
    path(
        "desk/cases/<int:pk>/documents/new/",
        views.FugitiveCaseDocumentAdd.as_view(),
        name="fugitive_case_document_add",
    ),
    path(
        "desk/case-documents/<int:pk>/file/",
        views.FugitiveCaseDocumentFile.as_view(),
        name="fugitive_case_document_file",
    ),
    # partner deadlines
    path("desk/partner-deadlines/", views.PartnerDeadlinesList.as_view(), name="partner_deadlines_list"),
    path("desk/partner-deadlines/new/", views.PartnerDeadlinesCreate.as_view(), name="partner_deadlines_create"),
    path("desk/partner-deadlines/<int:pk>/edit/", views.PartnerDeadlinesEdit.as_view(), name="partner_deadlines_edit"),
    path(
        "desk/partner-deadlines/<int:pk>/delete/",
        views.PartnerDeadlinesDelete.as_view(),
        name="partner_deadlines_delete",
    ),
    # data exchange
    path("", include("liaison.desk.interpol.urls")),
    path("", include("liaison.desk.ftm.urls")),
]
