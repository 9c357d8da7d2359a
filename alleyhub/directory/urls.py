from django.urls import path

from . import listing_pages, views

app_name = "directory"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("people/", views.person_list, name="people"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    # One attachment mechanism for every listing kind (listing_pages, directory.hooks.listing_kinds).
    path("attachments/<int:pk>/", listing_pages.attachment_download, name="attachment"),
    path("attachments/<int:pk>/remove/", listing_pages.attachment_remove, name="attachment_remove"),
    path("attachments/<slug:kind>/<int:pk>/add/", listing_pages.attachment_add, name="attachment_add"),
    path("<slug:slug>/", views.organization_detail, name="detail"),
]
