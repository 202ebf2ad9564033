"""gunicorn settings for ``make serve``: each one an environment variable with a default.

``WEB_CONCURRENCY`` worker processes (default: two per core, plus one), synchronous workers
(each serves one request at a time; put a proxy such as nginx in front for slow clients and
TLS), recycled after ``WEB_MAX_REQUESTS`` requests so a slow leak cannot grow for ever.
"""

import multiprocessing
import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = int(os.environ.get("WEB_TIMEOUT", "30"))  # seconds before a stuck worker is replaced
graceful_timeout = 20
max_requests = int(os.environ.get("WEB_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Larger request lines/headers are refused by gunicorn itself (400) before Django sees them.
limit_request_line = 8190
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None  # "-" is standard output
errorlog = "-"
proc_name = "ocop"
# No control socket in the home directory: two servers on one machine (the bench) would clash.
control_socket_disable = True
