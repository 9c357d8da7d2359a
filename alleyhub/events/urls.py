from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("mine/", views.my_events, name="mine"),
    path("feed/<str:token>.ics", views.calendar_feed, name="feed"),
    path("tickets/<str:secret>/", views.ticket, name="ticket"),
    path("tickets/<str:secret>/feedback/", views.ticket_feedback, name="ticket_feedback"),
    path("tickets/<str:secret>/<str:action>/", views.ticket_action, name="ticket_action"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/poster/", views.poster, name="poster"),
    path("<int:pk>/event.ics", views.event_ics, name="ics"),
    path("<int:pk>/action/<str:action>/", views.event_action, name="action"),
    path("<int:pk>/questions/", views.event_questions, name="questions"),
    path("<int:pk>/questions/<int:question_id>/delete/", views.question_delete, name="question_delete"),
    path("<int:pk>/register/", views.register, name="register"),
    path("<int:pk>/registrations/", views.registrations, name="registrations"),
    path("<int:pk>/registrations.csv", views.registrations_export, name="registrations_export"),
    path(
        "<int:pk>/registrations/<int:registration_id>/<str:action>/",
        views.registration_action,
        name="registration_action",
    ),
    path("<int:pk>/check-in/", views.check_in, name="check_in"),
    path("<int:pk>/check-in/scan/", views.check_in_scan, name="check_in_scan"),
    path("<int:pk>/check-in/walk-in/", views.walk_in, name="walk_in"),
    path("<int:pk>/check-in/count/", views.check_in_count, name="check_in_count"),
]
