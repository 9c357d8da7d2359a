"""The mixed workload of `make loadtest` (loadtest/README.md): anonymous browsing and search 70 %,
signed-in members reading their matches and notifications 20 %, writes 10 % (user classes weighted
70/20/10 with the same waits, so the requests are mixed in about these shares).

Each request is named after its page type, so the report gives one line per type. FastHttpUser
(geventhttpclient): locust runs on the same two cores as the site, and it costs a fraction of the
CPU of HttpUser (requests) per request. Redirects are not followed: a member's read that answers
anything but 200 (the sign-in or consent page) and a write that answers anything but its redirect
count as errors, so a session that lost its sign-in cannot pass unnoticed."""

import random
import re
from urllib.parse import urlencode

from locust import FastHttpUser, between, task

DEMO_PASSWORD = "alleyhub-demo"  # noqa: S105 - the demo district's published password
MEMBERS = ["demo-enterprise", "demo-researcher", "demo-investor"]
QUERIES = [
    "传感器",
    "新材料",
    "人工智能",
    "融资",
    "生物医药",
    "芯片",
    "robot",
    "碳中和",
    "数据安全",
    "办公空间",
]
LISTS = [
    ("outcome list", "/listings/outcomes/"),
    ("demand list", "/listings/demands/"),
    ("organisation list", "/directory/"),
    ("service list", "/services/"),
    ("space list", "/spaces/"),
]
_ids: dict[str, list[int]] = {}


def _known_ids(user: FastHttpUser, kind: str, url: str) -> list[int]:
    """Ids of the detail pages linked from a list page, read once per process."""
    if kind not in _ids:
        page = user.client.get(url, name="setup")
        _ids[kind] = sorted({int(x) for x in re.findall(rf"{re.escape(url)}(\d+)/", page.text)}) or [1]
    return _ids[kind]


class Visitor(FastHttpUser):
    """Anonymous browsing and search."""

    weight = 70
    wait_time = between(0.2, 1.0)

    @task(3)
    def home(self):
        self.client.get("/", name="home")

    @task(6)
    def a_list(self):
        name, url = random.choice(LISTS)
        self.client.get(url, name=name)

    @task(6)
    def outcome_detail(self):
        pk = random.choice(_known_ids(self, "outcome", "/listings/outcomes/"))
        self.client.get(f"/listings/outcomes/{pk}/", name="outcome detail")

    @task(5)
    def search(self):
        self.client.get("/search/?" + urlencode({"q": random.choice(QUERIES)}), name="search")

    @task(2)
    def filtered_list(self):
        self.client.get(
            "/listings/outcomes/?" + urlencode({"q": random.choice(QUERIES)}), name="outcome list search"
        )


class _Member(FastHttpUser):
    abstract = True
    wait_time = between(0.2, 1.0)

    def _csrf(self) -> str:
        return next((c.value for c in self.client.cookiejar if c.name == "csrftoken"), "")

    def on_start(self):
        self.client.get("/accounts/login/", name="login")
        with self.client.post(
            "/accounts/login/",
            data={
                "username": random.choice(MEMBERS),
                "password": DEMO_PASSWORD,
                "csrfmiddlewaretoken": self._csrf(),
            },
            headers={"Referer": self.host + "/accounts/login/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code != 302 or "/accounts/login/" in location:
                response.failure(f"sign-in refused ({response.status_code})")
                return
        # A demo account that has not accepted the current privacy notice and terms accepts them once,
        # as a person would; otherwise every page would send it to the accept page.
        consent = "/privacy/consent/"
        page = self.client.get("/accounts/me/", name="login", allow_redirects=False)
        if page.status_code == 302 and consent in page.headers.get("Location", ""):
            self._post(consent, {"accept": "on"}, "login")

    def _read(self, url: str, name: str):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")

    def _post(self, url: str, data: dict, name: str):
        with self.client.post(
            url,
            data={**data, "csrfmiddlewaretoken": self._csrf()},
            headers={"Referer": self.host + url},
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            # A write answers with a redirect to its page; one to the sign-in or consent page means
            # it was refused.
            location = response.headers.get("Location", "")
            if response.status_code != 302 or "/accounts/login/" in location or "/privacy/" in location:
                response.failure(f"write refused ({response.status_code} {location})")


class MemberReader(_Member):
    """Signed-in members reading their matches and notifications."""

    weight = 20

    @task(3)
    def my_matches(self):
        self._read("/matching/mine/", "my matches")

    @task(3)
    def notifications(self):
        self._read("/notifications/", "notifications")

    @task(2)
    def badge(self):
        self._read("/notifications/badge/", "notification badge")

    @task(1)
    def account(self):
        self._read("/accounts/me/", "my account")


class MemberWriter(_Member):
    """Signed-in members changing things."""

    weight = 10

    @task(2)
    def mark_all_read(self):
        self._post("/notifications/read-all/", {}, "write: mark notifications read")

    @task(1)
    def preference(self):
        self._post(
            "/notifications/preferences/",
            {"email_mode": random.choice(["immediate", "daily", "off"])},
            "write: notification preference",
        )
