import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from alleyhub.core import selectors

from .api_errors import problem_response

logger = logging.getLogger(__name__)


def home(request):
    overview, sections = selectors.district_overview()
    return render(request, "core/home.html", {"overview": overview, "sections": sections})


@never_cache
@require_GET
def healthz(request):
    """200 {"status": "ok", "database": "ok"} after a real query; 503 problem JSON otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            row = cursor.fetchone()
        if not row or row[0] != 1:
            raise DatabaseError("unexpected answer to SELECT 1")
    except DatabaseError as exc:
        logger.error("Health check failed: %s", exc)
        return problem_response(request, 503, _("服务不可用"), _("数据库无法访问。"), database="error")
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)
