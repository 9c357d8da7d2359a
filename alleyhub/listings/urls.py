from django.urls import path

from . import views

app_name = "listings"
urlpatterns = [
    path("outcomes/", views.outcome_list, name="outcome_list"),
    path("outcomes/new/", views.outcome_create, name="outcome_create"),
    path("outcomes/<int:pk>/", views.outcome_detail, name="outcome_detail"),
    path("outcomes/<int:pk>/edit/", views.outcome_edit, name="outcome_edit"),
    path("demands/", views.demand_list, name="demand_list"),
    path("demands/new/", views.demand_create, name="demand_create"),
    path("demands/<int:pk>/", views.demand_detail, name="demand_detail"),
    path("demands/<int:pk>/edit/", views.demand_edit, name="demand_edit"),
    path("investors/", views.investor_list, name="investor_list"),
    path("investors/new/", views.investor_create, name="investor_create"),
    path("investors/<int:pk>/", views.investor_detail, name="investor_detail"),
    path("investors/<int:pk>/edit/", views.investor_edit, name="investor_edit"),
    path("<slug:kind>/<int:pk>/<slug:action>/", views.listing_action, name="action"),
]
