from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from alleyhub.notifications.scheduling import run_periodic_now


class Command(BaseCommand):
    help = _("在当前进程中立即执行所有定时任务（提醒、上报、每日汇总）。")

    def handle(self, *args, **options):
        for path, result in run_periodic_now().items():
            self.stdout.write(f"{path}: {result}")
