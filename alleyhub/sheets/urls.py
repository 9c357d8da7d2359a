from django.urls import path

from alleyhub.core.uploads import protected_file_view

from . import selectors, views

app_name = "sheets"
urlpatterns = [
    path("", views.index, name="index"),
    path("template.xlsx", views.template, name="template"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobs/<int:pk>/commit/", views.commit, name="commit"),
    path("jobs/<int:pk>/file/", protected_file_view(selectors.import_job_file), name="file"),
    path("export/<slug:kind>.<slug:fmt>", views.export, name="export"),
]
