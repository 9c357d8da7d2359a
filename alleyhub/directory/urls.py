from django.urls import path

from . import views

app_name = "directory"
urlpatterns = [
    path("", views.organization_list, name="list"),
    path("people/", views.person_list, name="people"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("<slug:slug>/", views.organization_detail, name="detail"),
]
