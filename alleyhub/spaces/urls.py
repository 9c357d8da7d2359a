from django.urls import path

from . import views

app_name = "spaces"
urlpatterns = [
    path("", views.space_list, name="list"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("buildings/<slug:slug>/", views.building_detail, name="building_detail"),
    path("renewal/", views.renewal_list, name="renewal_list"),
]
