"""The production task path: django-tasks with the RQ backend on a real Redis, run by an RQ worker."""

import pytest
import redis
from django.test import override_settings

from alleyhub.core.tasks import worker_echo

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_up() -> bool:
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


pytestmark = pytest.mark.skipif(not _redis_up(), reason="Redis is not reachable on 127.0.0.1:6379")


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
    RQ_QUEUES={"default": {"URL": REDIS_URL}},
)
def test_a_task_enqueued_on_the_redis_backend_is_run_by_an_rq_worker():
    # Imported here: the RQ modules are only needed (and django_rq only installed) with Redis.
    import django_rq
    from django_tasks_rq.backend import Job

    queue = django_rq.get_queue("default")
    queue.empty()
    result = worker_echo.using(backend="default").enqueue("硅巷")
    assert result.status == "READY"

    worker = django_rq.get_worker("default", job_class=Job)
    worker.work(burst=True)

    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == "硅巷"
