import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from alleyhub.notifications.scheduling import enqueue_periodic, periodic_tasks, sweep_stale_running


class Command(BaseCommand):
    help = _("每隔 N 分钟把定时任务（提醒、上报、每日汇总）放入队列，由任务进程（manage.py db_worker）执行。")

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=5.0, help=_("每轮间隔（分钟，默认 5）"))
        parser.add_argument("--once", action="store_true", help=_("只排队一轮后退出（供 cron 使用）"))

    def handle(self, *args, interval: float, once: bool, **options):
        jobs = periodic_tasks()
        self.stdout.write(
            _("定时任务：%(jobs)s")
            % {
                "jobs": "; ".join(
                    _("%(name)s 每 %(minutes)s 分钟")
                    % {"name": j.name, "minutes": f"{j.interval_minutes or interval:g}"}
                    for j in jobs
                )
            }
        )
        last_run: dict = {}
        while True:
            # First the rows a killed worker left running (notifications/scheduling.py).
            swept = sweep_stale_running()
            if swept["failed"]:
                self.stdout.write(
                    _("%(failed)s 个任务的进程已中断：标为失败，其中 %(rerun)s 个重新排队") % swept
                )
            enqueued = enqueue_periodic(last_run=None if once else last_run)
            self.stdout.write(_("已排队 %(count)s 个任务") % {"count": len(enqueued)})
            self.stdout.flush()
            if once:
                return
            time.sleep(max(interval, 0.1) * 60)
