from django.urls import path

from liaison.federation import views

urlpatterns = [
    path("federation/", views.NodeView.as_view(), name="federation_node"),
    path("federation/card/", views.CardView.as_view(), name="federation_card"),
    path("federation/inbox/", views.InboxView.as_view(), name="federation_inbox"),
    path("federation/pair/", views.PairView.as_view(), name="federation_pair"),
    path("federation/partners/<int:pk>/", views.PartnerDetail.as_view(), name="federation_partner_detail"),
    path("federation/partners/<int:pk>/status/", views.PartnerStatusView.as_view(), name="federation_partner_status"),
    path("federation/partners/<int:pk>/unpair/", views.PartnerUnpairView.as_view(), name="federation_partner_unpair"),
    path("federation/partners/<int:pk>/package/", views.PackageExport.as_view(), name="federation_package_export"),
    path("federation/import/", views.PackageImport.as_view(), name="federation_package_import"),
    path("federation/messages/", views.MessageList.as_view(), name="federation_messages"),
    path("federation/messages/<int:pk>/", views.MessageDetail.as_view(), name="federation_message_detail"),
    path("federation/messages/<int:pk>/retry/", views.MessageRetry.as_view(), name="federation_message_retry"),
    path("federation/refused/", views.RefusalList.as_view(), name="federation_refusals"),
]
