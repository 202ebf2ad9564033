"""``make bench`` (first part): requests per second of public endpoints as a ratio to a bare
"ok" view, measured in the same run, through the same WSGI application and middleware.

The requests go straight into the WSGI application in this process, one at a time (no
socket, no server): what is compared is the work our code adds over a bare view, which is
what the ratio is about. The benchmark issue replaces the transport with a real server and
a load tool; the endpoints and the ratio stay. Runs against the database of the settings
(``make setup`` first: the demo certificates are the subjects).
"""

import logging
import statistics
import sys
import time
from io import BytesIO

from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.management.base import BaseCommand, CommandError
from django.http import HttpResponse
from django.test.utils import override_settings
from django.urls import include, path

ROUNDS = 5


def ok(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ok", ok), path("", include("ocop.urls"))]


def _environ(url: str) -> dict:
    path_info, _, query = url.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path_info,
        "QUERY_STRING": query,
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": False,
        "wsgi.run_once": False,
    }


class Command(BaseCommand):
    help = "Requests per second of the public pages, as a ratio to a bare view (same run)."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=1.0, help="per endpoint per round")

    def handle(self, *args, seconds=1.0, **options):
        from ocop.certificates.models import Certificate

        valid = next((c for c in Certificate.objects.order_by("pk") if c.status() == "valid"), None)
        revoked = Certificate.objects.filter(state="revoked").first()
        if valid is None:
            raise CommandError("No valid certificate: run `make setup` (demo data) first.")
        endpoints = [
            ("bare view (baseline)", "/bench/ok", False),
            ("/healthz", "/healthz", False),
            ("/v/<code> valid", f"/v/{valid.code}", False),
            ("/v/<code> valid, not cached", f"/v/{valid.code}", True),
            ("/v/<code> revoked", f"/v/{revoked.code}" if revoked else None, False),
            ("/v/<code> unknown", "/v/ZZZZ2345ZZ", False),
        ]
        endpoints = [e for e in endpoints if e[1]]
        logging.disable(logging.WARNING)  # "Not Found: …" for every 404 measured
        with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["127.0.0.1"]):
            app = WSGIHandler()
            for _name, url, _fresh in endpoints:  # warm up, and check each answers
                status = self._get(app, url)
                if status not in ("200 OK", "404 Not Found"):
                    raise CommandError(f"{url} answered {status}")
            rates: dict[str, list[float]] = {name: [] for name, _u, _f in endpoints}
            for _round in range(ROUNDS):  # interleaved, so the machine's noise hits all alike
                for name, url, fresh in endpoints:
                    rates[name].append(self._rate(app, url, seconds, fresh))
        base = statistics.median(rates[endpoints[0][0]])
        self.stdout.write(f"{'endpoint':<32} {'req/s':>9} {'ratio':>7}")
        for name, _url, _fresh in endpoints:
            rate = statistics.median(rates[name])
            self.stdout.write(f"{name:<32} {rate:>9.0f} {rate / base:>7.2f}")
        self.stdout.write(
            f"(median of {ROUNDS} interleaved rounds of {seconds:g} s, in-process WSGI, one thread)"
        )

    def _get(self, app, url: str) -> str:
        status = []
        body = app(_environ(url), lambda s, h, exc_info=None: status.append(s))
        for _chunk in body:
            pass
        if hasattr(body, "close"):
            body.close()
        return status[0]

    def _rate(self, app, url: str, seconds: float, fresh: bool) -> float:
        count, start = 0, time.perf_counter()
        end = start + seconds
        while time.perf_counter() < end:
            if fresh:
                cache.clear()
            self._get(app, url)
            count += 1
        return count / (time.perf_counter() - start)
