from django.urls import path

from . import views

app_name = "matching"
urlpatterns = [
    path("mine/", views.mine, name="mine"),
    path("for/<str:kind>/<int:pk>/", views.for_object, name="for_object"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("status/", views.index_status, name="status"),
    path("search/", views.search_page, name="search"),
]
