from django.urls import path

from alleyhub.core.uploads import protected_file_view

from . import services, views

app_name = "privacy"
urlpatterns = [
    path("audit/", views.audit_list, name="audit"),
    path("notice/", views.notice, name="notice"),
    path("terms/", views.terms, name="terms"),
    path("consent/", views.consent, name="consent"),
    path("contact-sharing/", views.contact_sharing, name="contact_sharing"),
    path("export/", views.export_start, name="export_start"),
    path("export/<int:pk>/", views.export_detail, name="export_detail"),
    path(
        "export/<int:pk>/download/",
        protected_file_view(services.export_claim_for_download),
        name="export_download",
    ),
    path("delete-account/", views.deletion, name="deletion"),
    path("delete-account/cancel/", views.deletion_cancel, name="deletion_cancel"),
    path("automated-decisions/", views.automated_decisions, name="automated_decisions"),
]
