from django.urls import path

from alleyhub.core.uploads import protected_file_view

from . import selectors, views

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("mine/", views.mine, name="mine"),
    path("reviews/", views.reviews, name="reviews"),
    path("export.xlsx", views.export, name="export"),
    path("import/", views.import_view, name="import"),
    path("items/new/", views.item_edit, name="item_create"),
    path("items/<int:pk>/", views.item_detail, name="item"),
    path("items/<int:pk>/edit/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/override/", views.item_override, name="item_override"),
    path("items/<int:pk>/status/<slug:action>/", views.item_status, name="item_status"),
    path("items/<int:pk>/updates/", views.update_create, name="update_create"),
    path("updates/<int:pk>/review/<slug:action>/", views.update_review, name="update_review"),
    path("evidence/<int:pk>/", protected_file_view(selectors.evidence_for_download), name="evidence"),
    path("kpis/", views.kpi_list, name="kpis"),
    path("kpis/<slug:code>/", views.kpi_detail, name="kpi"),
    path("kpis/<slug:code>/values/", views.kpi_value_create, name="kpi_value_create"),
    path("kpi-values/<int:pk>/review/<slug:action>/", views.kpi_value_review, name="kpi_value_review"),
    path(
        "kpi-values/<int:pk>/evidence/",
        protected_file_view(selectors.kpi_evidence_for_download),
        name="kpi_evidence",
    ),
]
