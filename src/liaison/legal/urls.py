"""Pages of legal requests (`legal:` names)."""

from django.urls import path

from liaison.legal import views

app_name = "legal"
urlpatterns = [
    path("legal/requests/", views.RequestList.as_view(), name="request_list"),
    path("legal/requests/new/", views.RequestCreate.as_view(), name="request_create"),
    path("legal/requests/<int:pk>/", views.RequestDetail.as_view(), name="request_detail"),
    path("legal/requests/<int:pk>/transition/", views.RequestTransition.as_view(), name="request_transition"),
    path("legal/requests/<int:pk>/offences/", views.RequestOffenceAdd.as_view(), name="request_offence_add"),
    path("legal/requests/<int:pk>/documents/", views.RequestDocumentAdd.as_view(), name="request_document_add"),
    path("legal/requests/<int:pk>/letter/", views.RequestLetterView.as_view(), name="request_letter"),
    path(
        "legal/requests/<int:pk>/letter/sign-off/", views.RequestLetterSignOff.as_view(), name="request_letter_sign_off"
    ),
    path(
        "legal/from-consular-case/<int:pk>/transfer/",
        views.StartTransferFromConsular.as_view(),
        name="transfer_from_consular",
    ),
    path("legal/deadlines/", views.DeadlineCalendar.as_view(), name="deadlines"),
    path("legal/treaties/", views.TreatyList.as_view(), name="treaty_list"),
    path("legal/treaties/<int:pk>/", views.TreatyDetail.as_view(), name="treaty_detail"),
]
