#!/bin/sh
# Serve the demo: the web server, a background worker and the scheduler, stopped
# together with Ctrl-C.
set -eu
BIN=.venv/bin
PORT=${PORT:-8000}
$BIN/python manage.py db_worker --queue-name default &
worker=$!
$BIN/python manage.py run_scheduler &
scheduler=$!
trap 'kill $worker $scheduler 2>/dev/null || true' EXIT INT TERM
echo "SalesCoach demo on http://127.0.0.1:$PORT  (log in as director@noordwind.example, password salescoach-demo)"
$BIN/python manage.py runserver "127.0.0.1:$PORT"
