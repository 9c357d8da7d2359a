from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("audit/", views.audit_list, name="audit"),
    path("notice/", views.notice, name="notice"),
    path("terms/", views.terms, name="terms"),
    path("consent/", views.consent, name="consent"),
    path("contact-sharing/", views.contact_sharing, name="contact_sharing"),
    path("automated-decisions/", views.automated_decisions, name="automated_decisions"),
]
