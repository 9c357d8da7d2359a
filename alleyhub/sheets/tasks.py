"""Background work of large imports: thin tasks that take a job id and call one service."""

from django_tasks import task

from . import services


@task()
def sheets_check(job_id: int) -> str:
    return services.import_job_check(job_id=job_id).status


@task()
def sheets_commit(job_id: int) -> str:
    return services.import_job_run_commit(job_id=job_id).status
