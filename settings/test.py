"""Tests: base settings, no network beyond loopback, quiet logs; store and state come from the env."""

from settings.base import *  # noqa: F403

LOG_LEVEL = "INFO"
AUTOTHROTTLE_ENABLED = False
ROBOTSTXT_OBEY = False
# Test-only spiders (tests/spiders/: `urls` fetches a URL list from a local server).
SPIDER_MODULES = ["crawler.spiders", "tests.spiders"]
