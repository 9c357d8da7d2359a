"""What the sheets app holds about a user (the files they imported and their results), for
privacy's data export. On account erasure the jobs stay (what was imported is the organisations'
data) with their uploader set to nobody (`ImportJob.created_by` is SET_NULL)."""

from alleyhub.privacy.hooks import PersonalData
from alleyhub.privacy.personal_data import records

from .models import ImportJob


def export(user) -> PersonalData:
    jobs = ImportJob.objects.filter(created_by=user)
    return PersonalData(
        name="imports",
        records={
            "imports": records(jobs, ("filename", "size", "kind", "status", "created_at", "committed_at"))
        },
        files=[(f"imports/{job.pk}-{job.filename}", job.file) for job in jobs],
    )
