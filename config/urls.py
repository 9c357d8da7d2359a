from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("api/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("alleyhub.core.urls")),  # /healthz and the home page
    path("accounts/", include("alleyhub.accounts.urls")),
    path("directory/", include("alleyhub.directory.urls")),
    path("listings/", include("alleyhub.listings.urls")),
    path("services/", include("alleyhub.catalogue.urls")),
    path("spaces/", include("alleyhub.spaces.urls")),
    path("requests/", include("alleyhub.requests.urls")),
    path("enquiries/", include("alleyhub.enquiries.urls")),
    path("freshness/", include("alleyhub.freshness.urls")),
    path("matching/", include("alleyhub.matching.urls")),
    path("search/", include("alleyhub.matching.search_urls")),
    path("cases/", include("alleyhub.brokerage.urls")),
    path("notifications/", include("alleyhub.notifications.urls")),
    path("privacy/", include("alleyhub.privacy.urls")),
    path("sheets/", include("alleyhub.sheets.urls")),
    path("events/", include("alleyhub.events.urls")),
    path("plan/", include("alleyhub.plans.urls")),
    path("admin/", admin.site.urls),
]

handler404 = "alleyhub.core.views.page_not_found"
handler500 = "alleyhub.core.views.server_error"
handler403 = "alleyhub.core.views.permission_denied"
handler400 = "alleyhub.core.views.bad_request"
