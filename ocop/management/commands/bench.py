"""``make bench``: the app under a real server and a load tool, as ratios to a bare view.

1. Builds (once, then reuses) a database of its own: the demo data of ``make setup`` plus
   ``generate_dataset --products N`` (``BENCH_PRODUCTS``, default 20,000), on SQLite under
   ``var/bench/`` or, with ``BENCH_DB=postgres``, on the PostgreSQL of ``BENCH_DATABASE_URL``.
2. Starts the production server of ``make serve`` (gunicorn, ``DEBUG=false``, WhiteNoise;
   ``BENCH_WORKERS`` workers, default 2) with ``ocop.bench_settings``: the same settings and
   middleware plus ``/bench/ok``, a view that does nothing.
3. Loads each endpoint from a separate process, ``wrk`` (C, event loop; Debian package
   ``wrk``), with ``BENCH_CONNECTIONS`` concurrent connections (default 8), in rounds that
   interleave the endpoints so the noise of this shared machine falls on all of them alike.
4. Prints one table: requests per second (median of the rounds), p50/p95/p99 latency, and
   the ratio to the bare view of the same run. Then the time to make each PDF form (median
   of sequential requests) and the peak memory of each worker.

Signed-in endpoints use sessions made for the busiest commune officer, province officer and
a producer of the dataset (``--targets`` runs inside the bench database and lists them).
"""

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

BENCH_SECRET = "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz-not-for-production"
CRITERIA_SET = "QD26-2026-S01"


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name) or default)
    except ValueError:
        raise CommandError(f"{name} must be a whole number.") from None


class Command(BaseCommand):
    help = "Requests per second, latency and ratio to a bare view, under gunicorn and wrk."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=_env_int("BENCH_PRODUCTS", 20_000))
        parser.add_argument("--seed", type=int, default=_env_int("BENCH_SEED", 1))
        parser.add_argument("--db", choices=["sqlite", "postgres"], default=None)
        parser.add_argument("--seconds", type=float, default=3.0, help="per endpoint per round")
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--workers", type=int, default=_env_int("BENCH_WORKERS", 2))
        parser.add_argument("--connections", type=int, default=_env_int("BENCH_CONNECTIONS", 8))
        parser.add_argument("--port", type=int, default=_env_int("BENCH_PORT", 8765))
        parser.add_argument("--only", default="", help="comma-separated endpoint names")
        parser.add_argument("--rebuild", action="store_true", help="build the data again")
        parser.add_argument("--markdown", action="store_true", help="print the table in Markdown")
        parser.add_argument("--targets", action="store_true", help=f"(internal) {__doc__[:0]}")

    # --- orchestration -------------------------------------------------------------------

    def handle(self, *args, **opts):
        if opts["targets"]:
            self.stdout.write(json.dumps(_targets()))
            return
        if not shutil.which("wrk"):
            raise CommandError(
                "make bench needs the load tool wrk: `apt-get install wrk` (Debian/Ubuntu)."
            )
        db = opts["db"] or os.environ.get("BENCH_DB", "sqlite")
        if db not in ("sqlite", "postgres"):
            raise CommandError("BENCH_DB must be sqlite or postgres.")
        env = self._environment(db, opts["products"])
        self._prepare(env, db, opts)
        targets = json.loads(self._manage(env, "bench", "--targets", capture=True))
        self._manage(env, "collectstatic", "--noinput", "-v0")
        base = f"http://127.0.0.1:{opts['port']}"
        server = self._start_server(env, opts)
        try:
            self._wait_ready(base + "/healthz", server)
            endpoints = _endpoints(targets)
            if opts["only"]:
                wanted = {"bare view", *opts["only"].split(",")}
                endpoints = [e for e in endpoints if e["name"] in wanted]
            for e in endpoints:  # each answers as expected before anything is measured
                self._check(base, e)
            results = self._measure(base, endpoints, opts)
            pdfs = self._pdfs(base, targets)
            memory = _worker_memory(server.pid)
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        self._report(db, opts, results, pdfs, memory)

    def _environment(self, db: str, products: int) -> dict:
        root = Path(settings.BASE_DIR) / "var" / "bench"
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("DATABASE_URL", "OCOP_VAR_DIR", "DJANGO_SETTINGS_MODULE", "CACHE_URL")
        }
        env.update(
            DJANGO_SETTINGS_MODULE="ocop.bench_settings",
            OCOP_VAR_DIR=str(root / f"{db}-{products}"),
            DEBUG="false",
            SECRET_KEY=BENCH_SECRET,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SECURE_SSL_REDIRECT="false",
            SESSION_COOKIE_SECURE="false",
            CSRF_COOKIE_SECURE="false",
            SECURE_HSTS_SECONDS="0",
            STATIC_MANIFEST="true",
            EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
            LOG_LEVEL="WARNING",
            WEB_ACCESS_LOG="",
        )
        if db == "postgres":
            url = os.environ.get(
                "BENCH_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/ocop_bench_{products}"
            )
            env["DATABASE_URL"] = url
        Path(env["OCOP_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
        return env

    def _prepare(self, env: dict, db: str, opts: dict) -> None:
        marker = Path(env["OCOP_VAR_DIR"]) / f"ready-seed-{opts['seed']}"
        if marker.exists() and not opts["rebuild"]:
            self.stdout.write(
                f"Data: reusing {env['OCOP_VAR_DIR']} ({opts['products']:,} products)"
            )
            return
        marker.unlink(missing_ok=True)
        if db == "sqlite":
            for name in ("ocop.sqlite3", "ocop.sqlite3-wal", "ocop.sqlite3-shm"):
                (Path(env["OCOP_VAR_DIR"]) / name).unlink(missing_ok=True)
        else:
            _recreate_postgres(env["DATABASE_URL"])
        self.stdout.write(f"Data: building {opts['products']:,} products in {env['OCOP_VAR_DIR']}")
        started = time.perf_counter()
        env = {**env, "DEBUG": "true"}  # the demo accounts are refused under DEBUG=false
        subprocess.run(  # the very steps of `make setup`, into the bench database
            ["make", "-s", "setup", "HOST=127.0.0.1", f"PORT={opts['port']}"],
            cwd=settings.BASE_DIR,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        if opts["products"]:  # 0: the demo data alone, for a quick look
            build = ("--products", str(opts["products"]), "--seed", str(opts["seed"]))
            self._manage(env, "generate_dataset", *build)
        marker.write_text(time.strftime("%Y-%m-%d %H:%M:%S"))
        self.stdout.write(f"Data: built in {time.perf_counter() - started:.0f} s")

    def _manage(self, env: dict, *args: str, capture: bool = False) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            check=False,
            capture_output=capture,
            text=True,
        )
        if done.returncode:
            raise CommandError(f"manage.py {' '.join(args)} failed:\n{done.stderr or ''}")
        return done.stdout or ""

    def _start_server(self, env: dict, opts: dict) -> subprocess.Popen:
        server_env = {
            **env,
            "BIND": f"127.0.0.1:{opts['port']}",
            "WEB_CONCURRENCY": str(opts["workers"]),
            "WEB_MAX_REQUESTS": "0",  # no recycling mid-measure
        }
        log = open(Path(env["OCOP_VAR_DIR"]) / "server.log", "w")  # noqa: SIM115
        return subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "ocop/gunicorn.conf.py"]
            + ["ocop.wsgi"],
            cwd=settings.BASE_DIR,
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

    def _wait_ready(self, url: str, server: subprocess.Popen) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError("The server stopped at start-up: see var/bench/*/server.log.")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise CommandError("The server did not answer /healthz within 60 s.")

    def _check(self, base: str, e: dict) -> None:
        request = urllib.request.Request(
            base + e["path"], data=e.get("body", "").encode() or None, method=e["method"]
        )
        for k, v in e["headers"].items():
            request.add_header(k, v)
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                status = r.status
        except urllib.error.HTTPError as err:
            status = err.code
        if status != e["status"]:
            raise CommandError(f"{e['name']}: {e['path']} answered {status}, not {e['status']}.")

    # --- measuring -----------------------------------------------------------------------

    def _measure(self, base: str, endpoints: list[dict], opts: dict) -> dict:
        runs: dict[str, list[dict]] = {e["name"]: [] for e in endpoints}
        with tempfile.TemporaryDirectory() as tmp:
            scripts = {e["name"]: _wrk_script(Path(tmp), i, e) for i, e in enumerate(endpoints)}
            for e in endpoints:  # warm-up: each worker's first request builds its caches
                _wrk(base + e["path"], scripts[e["name"]], 1.0, opts["connections"])
            for r in range(opts["rounds"]):
                self.stdout.write(f"Round {r + 1} of {opts['rounds']}…")
                for e in endpoints:
                    run = _wrk(
                        base + e["path"], scripts[e["name"]], opts["seconds"], opts["connections"]
                    )
                    if run["bad"]:
                        raise CommandError(
                            f"{e['name']}: {run['bad']} of {run['requests']} answers were errors."
                        )
                    runs[e["name"]].append(run)
            # Latency: one more pass with as many connections as workers, so that p50/p95/p99
            # are the time to serve a request, not the queue in front of a saturated server.
            self.stdout.write("Latency pass…")
            for e in endpoints:
                run = _wrk(base + e["path"], scripts[e["name"]], opts["seconds"], opts["workers"])
                runs[e["name"]].append({**run, "latency_only": True})
        return runs

    def _pdfs(self, base: str, targets: dict) -> list[tuple[str, float | None]]:
        out = []
        for name, path, cookie in targets["pdfs"]:
            times = []
            for _ in range(5):
                request = urllib.request.Request(base + path)
                if cookie:
                    request.add_header("Cookie", f"sessionid={cookie}")
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=60) as r:
                        r.read()
                        ok = r.headers.get_content_type() == "application/pdf"
                except urllib.error.HTTPError:
                    ok = False
                if not ok:
                    break
                times.append((time.perf_counter() - started) * 1000)
            out.append((name, statistics.median(times) if times else None))
        return out

    # --- the table -----------------------------------------------------------------------

    def _report(self, db: str, opts: dict, results: dict, pdfs: list, memory: list) -> None:
        md = opts["markdown"]
        names = list(results)
        base_rate = statistics.median(
            r["rate"] for r in results[names[0]] if not r.get("latency_only")
        )
        rows = []
        for name in names:
            runs = [r for r in results[name] if not r.get("latency_only")]
            latency = [r for r in results[name] if r.get("latency_only")] or runs
            rate = statistics.median(r["rate"] for r in runs)
            rows.append(
                (
                    name,
                    f"{rate:,.0f}",
                    *(
                        f"{statistics.median(r[p] for r in latency) / 1000:.1f}"
                        for p in ("p50", "p95", "p99")
                    ),
                    f"{rate / base_rate:.2f}",
                )
            )
        heading = ("endpoint", "req/s", "p50 ms", "p95 ms", "p99 ms", "ratio")
        self.stdout.write("")
        self.stdout.write(
            f"{db}, {opts['products']:,} products, gunicorn {opts['workers']} sync workers, "
            f"req/s: wrk {opts['connections']} connections, median of {opts['rounds']} "
            f"interleaved rounds of {opts['seconds']:g} s; latency: {opts['workers']} "
            f"connections; {os.cpu_count()} cores, {time.strftime('%Y-%m-%d', time.gmtime())}"
        )
        self._table(heading, rows, md)
        self.stdout.write("")
        self._table(
            ("PDF", "ms"),
            [(n, "refused" if ms is None else f"{ms:.0f}") for n, ms in pdfs],
            md,
        )
        self.stdout.write("")
        self.stdout.write(
            "Peak memory per worker (VmHWM): " + ", ".join(f"{kb / 1024:.0f} MiB" for kb in memory)
        )

    def _table(self, heading: tuple, rows: list, md: bool) -> None:
        if md:
            self.stdout.write("| " + " | ".join(heading) + " |")
            self.stdout.write(
                "|" + "|".join("---" if i == 0 else "---:" for i in range(len(heading))) + "|"
            )
            for row in rows:
                self.stdout.write("| " + " | ".join(row) + " |")
            return
        widths = [max(len(str(r[i])) for r in [heading, *rows]) for i in range(len(heading))]
        for row in [heading, *rows]:
            cells = [
                str(c).ljust(widths[0]) if i == 0 else str(c).rjust(widths[i])
                for i, c in enumerate(row)
            ]
            self.stdout.write("  ".join(cells))


# --- wrk -----------------------------------------------------------------------------------


def _lua(text: str) -> str:
    return json.dumps(text)  # a JSON string literal is a valid Lua string literal here


def _wrk_script(tmp: Path, i: int, e: dict) -> Path:
    lines = [f"wrk.method = {_lua(e['method'])}"]
    if e.get("body"):
        lines.append(f"wrk.body = {_lua(e['body'])}")
    for k, v in e["headers"].items():
        lines.append(f"wrk.headers[{_lua(k)}] = {_lua(v)}")
    lines.append(
        "done = function(summary, latency, requests)\n"
        '  io.write(string.format("BENCH %d %d %d %d %d %d %d\\n", summary.requests,\n'
        "    summary.duration, latency:percentile(50), latency:percentile(95),\n"
        "    latency:percentile(99), summary.errors.status, summary.errors.connect +\n"
        "    summary.errors.read + summary.errors.write + summary.errors.timeout))\n"
        "end"
    )
    if e["status"] >= 400:  # an expected 404 is not an error here
        lines.append("response = function(status, headers, body) end")
    path = tmp / f"e{i}.lua"
    path.write_text("\n".join(lines) + "\n")
    return path


def _wrk(url: str, script: Path, seconds: float, connections: int) -> dict:
    done = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s"]
        + ["-s", str(script), url],
        capture_output=True,
        text=True,
        check=False,
    )
    line = next((x for x in done.stdout.splitlines() if x.startswith("BENCH ")), None)
    if line is None:
        raise CommandError(f"wrk failed on {url}:\n{done.stdout}\n{done.stderr}")
    requests, micros, p50, p95, p99, status_errors, socket_errors = map(int, line.split()[1:])
    expected_4xx = script.read_text().count("response = function")
    return {
        "requests": requests,
        "rate": requests / (micros / 1e6),
        "p50": p50,
        "p95": p95,
        "p99": p99,
        "bad": (0 if expected_4xx else status_errors) + socket_errors,
    }


def _worker_memory(master: int) -> list[int]:
    """Peak resident memory (kB) of each worker: the master's children, from /proc."""
    peaks = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(
                line.split(":", 1) for line in status.read_text().splitlines() if ":" in line
            )
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(master) and "VmHWM" in fields:
            peaks.append(int(fields["VmHWM"].split()[0]))
    return sorted(peaks)


def _recreate_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


# --- what is measured (run inside the bench database) ----------------------------------------


def _endpoints(t: dict) -> list[dict]:
    def get(name, path, cookie=None, status=200):
        headers = {"Cookie": f"sessionid={cookie}"} if cookie else {}
        return {"name": name, "method": "GET", "path": path, "headers": headers, "status": status}

    evaluate = {
        "name": "evaluate API (POST)",
        "method": "POST",
        "path": f"/api/v1/criteria-sets/{CRITERIA_SET}/evaluate",
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"answers": t["answers"]}),
        "status": 200,
    }
    endpoints = [
        get("bare view", "/bench/ok"),
        get("/healthz", "/healthz"),
        get("home", "/"),
        get("criteria list API", "/api/v1/criteria-sets"),
        get("criteria detail API", f"/api/v1/criteria-sets/{CRITERIA_SET}"),
        evaluate,
        get("self-assessment page", f"/tu-danh-gia/{CRITERIA_SET}/"),
        get("self-assessment result", f"/tu-danh-gia/{CRITERIA_SET}/ket-qua/?{t['query']}"),
        get("producer's dossier page", f"/ho-so/{t['dossier']}/", t["producer"]),
        get("commune work queue", "/ho-so/", t["commune"]),
        get("province work queue", "/ho-so/", t["province"]),
        get("verification page /v/", f"/v/{t['certificate']}"),
        get("verification, unknown code", "/v/ZZZZ2345ZZ", status=404),
        get("catalogue first page", "/san-pham-ocop/"),
        get("catalogue search (text + 2 filters)", f"/san-pham-ocop/?{t['search']}"),
        get("catalogue search with a typo", f"/san-pham-ocop/?{t['typo']}"),
        get("product page", f"/san-pham-ocop/{t['product']}/"),
        get("products API", "/api/v1/products"),
        get("products API (text + 2 filters)", f"/api/v1/products?{t['api_search']}"),
    ]
    return endpoints


def _catalogue_targets() -> dict:
    """A search as a visitor makes it: two words of a product name typed without accents,
    in the province with the most products, at the stars that product has; the same with
    one letter of the first word swapped; a product page of that province."""
    from django.db.models import Count
    from django.utils import timezone
    from django.utils.http import urlencode

    from ocop.catalogue.models import Entry
    from ocop.catalogue.terms import words

    today = timezone.localdate()
    in_force = Entry.objects.filter(cert_state="active", valid_from__lte=today, last_day__gte=today)
    province = in_force.values("province__code").annotate(n=Count("pk")).order_by("-n").first()
    if province is None:
        raise CommandError("The bench database has no certified product in its catalogue.")
    # The newest generated product (the demo's come first by id), as typed by a visitor.
    entry = in_force.filter(province__code=province["province__code"]).order_by("-id").first()
    typed = words(entry.name)[:2]
    swapped = typed[0][1] + typed[0][0] + typed[0][2:] if len(typed[0]) > 2 else typed[0]
    place = {"tinh": entry.province.code, "sao": entry.stars}
    return {
        "product": entry.code,
        "search": urlencode({"q": " ".join(typed), **place}),
        "typo": urlencode({"q": " ".join([swapped, *typed[1:]]), **place}),
        "api_search": urlencode(
            {"q": " ".join(typed), "province": entry.province.code, "stars": entry.stars}
        ),
    }


def _session(user) -> str:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _targets() -> dict:
    """Who and what the bench requests: the busiest officers, a producer, a valid certificate."""
    from django.db.models import Count
    from django.utils.http import urlencode

    from ocop.accounts.enums import Role
    from ocop.accounts.models import RoleAssignment
    from ocop.certificates.models import Certificate
    from ocop.criteria.models import CriteriaSet
    from ocop.dossiers.enums import State
    from ocop.dossiers.models import CommuneAssessment, Dossier
    from ocop.producers.models import ProducerMembership

    def busiest(role, place):
        counts = dict(
            Dossier.objects.exclude(state=State.DRAFT)
            .values_list(f"{place}_id")
            .annotate(n=Count("id"))
            .values_list(f"{place}_id", "n")
        )
        holders = RoleAssignment.objects.filter(role=role).select_related("user")
        best = max(holders, key=lambda a: counts.get(getattr(a, f"{place}_id"), 0), default=None)
        if best is None:
            raise CommandError(f"No {role} account in the bench database.")
        return best.user

    member = (
        ProducerMembership.objects.filter(producer__dossiers__isnull=False)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    dossier = Dossier.objects.filter(producer=member.producer).order_by("-pk").first()
    today = dt.date.today()
    in_force = Certificate.objects.filter(
        valid_from__lte=today, expires_on__gt=today + dt.timedelta(days=200)
    ).order_by("pk")
    certificate = next(c for c in in_force.iterator() if c.status() == "valid")
    sheet = CriteriaSet.objects.get(code=CRITERIA_SET).sheet()
    answers = {leaf.code: leaf.options[-1].code for leaf in sheet.leaves()}
    producer_cookie = _session(member.user)
    holder = ProducerMembership.objects.filter(producer=certificate.producer).first()
    holder_cookie = _session(holder.user) if holder else None
    assessed = CommuneAssessment.objects.select_related("dossier").order_by("-pk").first()
    officer = (
        RoleAssignment.objects.filter(role=Role.COMMUNE_OFFICER, commune=assessed.dossier.commune)
        .select_related("user")
        .first()
        if assessed
        else None
    )
    pdfs = [
        (
            "self-assessment result",
            f"/tu-danh-gia/{CRITERIA_SET}/ket-qua.pdf?{urlencode(answers)}",
            None,
        ),
        ("Mẫu 01 (registration)", f"/ho-so/{dossier.code}/mau01.pdf", producer_cookie),
        ("Mẫu 02 (self-assessment)", f"/ho-so/{dossier.code}/mau02.pdf", producer_cookie),
    ]
    if officer:
        pdfs.append(
            (
                "Mẫu 03 (commune's check)",
                f"/ho-so/{assessed.dossier.code}/mau03.pdf",
                _session(officer.user),
            )
        )
    if holder_cookie:
        pdfs += [
            ("certificate", f"/chung-nhan/{certificate.code}/giay-chung-nhan.pdf", holder_cookie),
            ("QR labels", f"/chung-nhan/{certificate.code}/nhan.pdf", holder_cookie),
        ]
    return {
        **_catalogue_targets(),
        "commune": _session(busiest(Role.COMMUNE_OFFICER, "commune")),
        "province": _session(busiest(Role.PROVINCE_OFFICER, "province")),
        "producer": producer_cookie,
        "dossier": dossier.code,
        "certificate": certificate.code,
        "answers": answers,
        "query": urlencode(answers),
        "pdfs": pdfs,
    }
