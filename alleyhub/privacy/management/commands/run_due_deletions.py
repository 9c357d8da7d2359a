from django.core.management.base import BaseCommand

from alleyhub.privacy.services import deletions_run_due


class Command(BaseCommand):
    help = "Erase the accounts whose deletion grace period is over (also a periodic task)."

    def handle(self, *args, **options):
        done = deletions_run_due()
        self.stdout.write(f"{done} account(s) erased")
