"""The one API: each app contributes a Router; errors become RFC 9457 problem JSON,
documented in the OpenAPI schema for every operation (`core.api_errors.ProblemJsonAPI`)."""

from alleyhub.accounts.api import router as accounts_router
from alleyhub.brokerage.api import router as brokerage_router
from alleyhub.catalogue.api import router as catalogue_router
from alleyhub.core.api_auth import api_auth
from alleyhub.core.api_errors import ProblemJsonAPI, install_problem_handlers
from alleyhub.directory.api import attachments_router, join_router, people_router
from alleyhub.directory.api import router as directory_router
from alleyhub.enquiries.api import router as enquiries_router
from alleyhub.events.api import router as events_router
from alleyhub.listings.api import router as listings_router
from alleyhub.matching.api import router as matching_router
from alleyhub.matching.api import search_router
from alleyhub.notifications.api import router as notifications_router
from alleyhub.plans.api import router as plans_router
from alleyhub.privacy.api import router as privacy_router
from alleyhub.requests.api import router as requests_router
from alleyhub.spaces.api import router as spaces_router

api = ProblemJsonAPI(
    title="Alley Hub API",
    version="1.0",
    description="上海硅巷科创街区平台 API / Shanghai Silicon Alley platform API",
    auth=api_auth,
    urls_namespace="api",
)
install_problem_handlers(api)

api.add_router("/organizations", directory_router)
api.add_router("/people", people_router)
api.add_router("/", join_router)
api.add_router("/", accounts_router)
api.add_router("/", listings_router)
api.add_router("/services", catalogue_router)
api.add_router("/spaces", spaces_router)
api.add_router("/matching", matching_router)
api.add_router("/search", search_router)
api.add_router("/requests", requests_router)
api.add_router("/cases", brokerage_router)
api.add_router("/enquiries", enquiries_router)
api.add_router("/notifications", notifications_router)
api.add_router("/", privacy_router)
api.add_router("/events", events_router)
api.add_router("/plan", plans_router)
api.add_router("/", attachments_router)
