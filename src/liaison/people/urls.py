"""Pages of the people app and the person search box."""

from django.urls import path

from liaison.people import views

urlpatterns = [
    path("people/", views.PersonList.as_view(), name="person_list"),
    path("people/new/", views.PersonCreate.as_view(), name="person_create"),
    path("people/<int:pk>/", views.PersonDetail.as_view(), name="person_detail"),
    path("people/<int:pk>/edit/", views.PersonUpdate.as_view(), name="person_edit"),
    path("people/<int:pk>/delete/", views.PersonDelete.as_view(), name="person_delete"),
    path("people/<int:pk>/merge/", views.PersonMerge.as_view(), name="person_merge"),
    path("people/<int:pk>/share/", views.PersonShare.as_view(), name="person_share"),
    path("people/<int:pk>/unshare/", views.PersonUnshare.as_view(), name="person_unshare"),
    path("people/<int:pk>/names/new/", views.NameAdd.as_view(), name="person_name_add"),
    path("people/names/<int:pk>/edit/", views.NameEdit.as_view(), name="person_name_edit"),
    path("people/names/<int:pk>/delete/", views.NameDelete.as_view(), name="person_name_delete"),
    path("people/<int:pk>/documents/new/", views.DocumentAdd.as_view(), name="person_document_add"),
    path("people/documents/<int:pk>/edit/", views.DocumentEdit.as_view(), name="person_document_edit"),
    path("people/documents/<int:pk>/delete/", views.DocumentDelete.as_view(), name="person_document_delete"),
    path("people/<int:pk>/addresses/new/", views.AddressAdd.as_view(), name="person_address_add"),
    path("people/addresses/<int:pk>/edit/", views.AddressEdit.as_view(), name="person_address_edit"),
    path("people/addresses/<int:pk>/delete/", views.AddressDelete.as_view(), name="person_address_delete"),
    path("people/<int:pk>/contacts/new/", views.ContactAdd.as_view(), name="person_contact_add"),
    path("people/contacts/<int:pk>/edit/", views.ContactEdit.as_view(), name="person_contact_edit"),
    path("people/contacts/<int:pk>/delete/", views.ContactDelete.as_view(), name="person_contact_delete"),
    path("people/<int:pk>/photos/new/", views.PhotoAdd.as_view(), name="person_photo_add"),
    path("people/photos/<int:pk>/edit/", views.PhotoEdit.as_view(), name="person_photo_edit"),
    path("people/photos/<int:pk>/delete/", views.PhotoDelete.as_view(), name="person_photo_delete"),
    path("people/photos/<int:pk>/file/", views.PhotoFile.as_view(), name="person_photo_file"),
    path("search/persons/", views.PersonSearch.as_view(), name="person_search"),
]
