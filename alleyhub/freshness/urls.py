from django.urls import path

from . import views

app_name = "freshness"
urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("stale/", views.stale_list, name="stale_list"),
]
