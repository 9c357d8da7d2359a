from django.urls import path

from . import views

app_name = "spaces"
urlpatterns = [
    path("", views.space_list, name="list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/<slug:action>/", views.unit_action, name="unit_action"),
    path("buildings/new/", views.building_create, name="building_create"),
    path("buildings/<slug:slug>/", views.building_detail, name="building_detail"),
    path("buildings/<slug:slug>/edit/", views.building_edit, name="building_edit"),
    path("renewal/", views.renewal_list, name="renewal_list"),
    path("renewal/new/", views.renewal_create, name="renewal_create"),
    path("renewal/<slug:slug>/edit/", views.renewal_edit, name="renewal_edit"),
]
