from django.urls import path

from alleyhub.core.uploads import protected_file_view

from . import selectors, views

app_name = "brokerage"
urlpatterns = [
    path("", views.board, name="board"),
    path("mine/", views.case_list, name="case_list"),
    path("new/", views.case_create, name="case_create"),
    path("<int:case_id>/", views.case_detail, name="case_detail"),
    path("<int:case_id>/move/", views.case_move, name="case_move"),
    path("<int:case_id>/edit/", views.case_edit, name="case_edit"),
    path("<int:case_id>/activities/", views.activity_add, name="activity_add"),
    path("<int:case_id>/confidentiality/", views.confidentiality_accept, name="confidentiality_accept"),
    path("<int:case_id>/agree/", views.case_side_accept, name="case_side_accept"),
    path("<int:case_id>/rate/", views.case_rate, name="case_rate"),
    # Files are stored outside the web root; this is the only way to them, after the checks.
    path("files/<int:pk>/", protected_file_view(selectors.case_file_for_download), name="file_download"),
    path("from-match/<int:match_id>/", views.case_start_from_match, name="case_start_from_match"),
    path("brokers/", views.ranking, name="ranking"),
    path("brokers/<int:user_id>/", views.broker_figures, name="broker_figures"),
]
