"""The settings of ``make bench``'s server: production settings plus a bare "ok" view.

The bare view is the baseline every endpoint is compared with, served by the same server,
settings and middleware; it is not part of the application's own URLs.
"""

from ocop.settings import *  # noqa: F403

ROOT_URLCONF = "ocop.bench_urls"
