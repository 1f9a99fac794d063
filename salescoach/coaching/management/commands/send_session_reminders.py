"""Queue the reminder e-mails of sessions whose reminder time has come.

Run it every few minutes, for example from cron:

    */5 * * * *  cd /srv/salescoach && .venv/bin/python manage.py send_session_reminders

or from a systemd timer (OnCalendar=*:0/5). Several copies may run at once, on several
machines: each reminder is claimed once (SELECT ... FOR UPDATE SKIP LOCKED) and marked
sent in the same transaction, and the e-mails go through the task queue.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from salescoach.coaching.services import send_due_reminders


class Command(BaseCommand):
    help = "Queue the e-mail reminders of coaching sessions that are due (run every few minutes)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--limit", type=int, default=500, help="At most this many sessions per batch.")

    def handle(self, *args: Any, **options: Any) -> None:
        total = 0
        while True:
            claimed = send_due_reminders(limit=options["limit"])
            total += claimed
            if claimed < options["limit"]:
                break
        self.stdout.write(f"Queued reminders for {total} session(s).")
