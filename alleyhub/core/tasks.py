from django_tasks import task


@task()
def worker_echo(value: str) -> str:
    """Returns its argument: a worker round-trip check (used to prove a backend end to end)."""
    return value
