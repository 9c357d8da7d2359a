from django.urls import path

from . import views

app_name = "enquiries"
urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("inbox/", views.inbox, name="inbox"),
    path("new/service/<int:pk>/", views.new_for_service, name="new_service"),
    path("new/space/<int:pk>/", views.new_for_space, name="new_space"),
    path("services/<int:pk>/form/", views.service_form, name="service_form"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/actions/<slug:action>/", views.act, name="act"),
]
