"""Tests: base settings, no network beyond loopback, quiet logs; store and state come from the env."""

from settings.base import *  # noqa: F403

LOG_LEVEL = "INFO"
AUTOTHROTTLE_ENABLED = False
ROBOTSTXT_OBEY = False
