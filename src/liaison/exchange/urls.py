"""Pages of the information exchange."""

from django.urls import path

from liaison.exchange import views

app_name = "exchange"
urlpatterns = [
    path("messages/", views.MessageList.as_view(box="inbox"), name="inbox"),
    path("messages/all/", views.MessageList.as_view(), name="message_list"),
    path("messages/sent/", views.MessageList.as_view(box="sent"), name="sent"),
    path("messages/drafts/", views.MessageList.as_view(box="drafts"), name="drafts"),
    path("messages/approvals/", views.MessageList.as_view(box="approvals"), name="approvals"),
    path("messages/new/", views.MessageCreate.as_view(), name="message_create"),
    path("messages/<int:pk>/", views.MessageDetail.as_view(), name="message_detail"),
    path("messages/<int:pk>/edit/", views.MessageEdit.as_view(), name="message_edit"),
    path("messages/<int:pk>/send/", views.MessageSend.as_view(), name="message_send"),
    path("messages/<int:pk>/approve/", views.MessageApprove.as_view(), name="message_approve"),
    path("messages/<int:pk>/reject/", views.MessageReject.as_view(), name="message_reject"),
    path("messages/<int:pk>/recall/", views.MessageRecall.as_view(), name="message_recall"),
    path("messages/<int:pk>/translate/", views.MessageTranslate.as_view(), name="message_translate"),
    path("messages/<int:pk>/review/", views.MessageReview.as_view(), name="message_review"),
    path("messages/<int:pk>/acknowledge/", views.MessageAcknowledge.as_view(), name="message_acknowledge"),
    path("messages/<int:pk>/reply/", views.MessageReply.as_view(), name="message_reply"),
    path("messages/<int:pk>/forward/", views.MessageForward.as_view(), name="message_forward"),
    path("messages/<int:pk>/permission/", views.MessagePermission.as_view(), name="message_permission"),
    path("messages/<int:pk>/export/", views.MessageExport.as_view(), name="message_export"),
    path("messages/permission-requests/<int:pk>/answer/", views.PermissionAnswer.as_view(), name="permission_answer"),
    path("messages/attachments/<int:pk>/", views.AttachmentFile.as_view(), name="attachment"),
    path("messages/rules/", views.RulesList.as_view(), name="rules_list"),
    path("messages/rules/new/", views.RulesCreate.as_view(), name="rules_create"),
    path("messages/rules/<int:pk>/", views.RulesEdit.as_view(), name="rules_detail"),
]
