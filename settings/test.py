"""Tests: base settings, no network beyond loopback, quiet logs; store and state come from the env."""

import os

from settings.base import *  # noqa: F403

LOG_LEVEL = "INFO"
# Live-crawl tests run against loopback servers: politeness on (as in base), with short delays.
AUTOTHROTTLE_START_DELAY = 0.05
AUTOTHROTTLE_MAX_DELAY = 0.5
DOWNLOAD_TIMEOUT = 2
WIRETRACE_RETRY_BACKOFF = float(os.environ.get("WIRETRACE_RETRY_BACKOFF", "0.2"))
# Test-only spiders (tests/spiders/: `urls` fetches a URL list from a local server).
SPIDER_MODULES = ["crawler.spiders", "tests.spiders"]
