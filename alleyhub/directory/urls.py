from django.urls import path

from . import listing_pages, views

app_name = "directory"
# Fixed paths come before "<slug>/" (services.RESERVED_SLUGS keeps organisations off them).
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("people/", views.person_list, name="people"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("join/", views.join, name="join"),
    path("join/<slug:slug>/", views.join_request_create, name="join_request"),
    path("join-requests/<int:pk>/<str:action>/", views.join_request_action, name="join_request_action"),
    path("register/", views.register, name="register"),
    path("review/", views.review, name="review"),
    path("review/<slug:slug>/<str:action>/", views.review_action, name="review_action"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    # One attachment mechanism for every listing kind (listing_pages, directory.hooks.listing_kinds).
    path("attachments/<int:pk>/", listing_pages.attachment_download, name="attachment"),
    path("attachments/<int:pk>/remove/", listing_pages.attachment_remove, name="attachment_remove"),
    path("attachments/<slug:kind>/<int:pk>/add/", listing_pages.attachment_add, name="attachment_add"),
    path("<slug:slug>/", views.organization_detail, name="detail"),
    path("<slug:slug>/edit/", views.organization_edit, name="edit"),
    path("<slug:slug>/logo/", views.organization_logo, name="logo"),
    path("<slug:slug>/members/", views.members, name="members"),
    path("<slug:slug>/members/<int:pk>/role/", views.member_role, name="member_role"),
    path("<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("<slug:slug>/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
]
