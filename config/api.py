"""The one API: each app contributes a Router; errors become RFC 9457 problem JSON."""

from ninja import NinjaAPI

from alleyhub.core.api_errors import install_problem_handlers
from alleyhub.core.api_auth import api_auth

api = NinjaAPI(
    title="Alley Hub API",
    version="1.0",
    description="上海硅巷科创街区平台 API / Shanghai Silicon Alley platform API",
    auth=api_auth,
    urls_namespace="api",
)
install_problem_handlers(api)


def _mount() -> None:
    # Imported here so that an app's router module can import from config.api without a cycle.
    from alleyhub.catalogue.api import router as catalogue_router
    from alleyhub.directory.api import router as directory_router
    from alleyhub.listings.api import router as listings_router
    from alleyhub.spaces.api import router as spaces_router

    api.add_router("/organizations", directory_router)
    api.add_router("/", listings_router)
    api.add_router("/services", catalogue_router)
    api.add_router("/spaces", spaces_router)
    # Later apps (matching, brokerage, requests, notifications) add their routers below.


_mount()
