"""Run scheduled work: claims each job's slot exactly once and enqueues it."""

from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from salescoach.core.queue import relay_held_tasks
from salescoach.core.scheduling import tick


class Command(BaseCommand):
    help = "Enqueue scheduled jobs (reminders, digests, retention); safe to run on several hosts."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="Check once and exit (for cron).")
        parser.add_argument("--interval", type=int, default=30, help="Seconds between checks.")

    def handle(self, *args: Any, **options: Any) -> None:
        stopping = False

        def stop(*_: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while True:
            relay_held_tasks()  # work held while the queue was unreachable goes first
            for name in tick():
                self.stdout.write(f"enqueued {name}")
            if options["once"] or stopping:
                return
            for _ in range(options["interval"]):
                if stopping:
                    return
                time.sleep(1)
