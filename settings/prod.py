"""Scheduled runs from cron: base settings; store URI, state dir and log file from the environment."""

import os

from settings.base import *  # noqa: F403

LOG_LEVEL = os.environ.get("WIRETRACE_LOG_LEVEL", "INFO")
LOG_FILE = os.environ.get("WIRETRACE_LOG_FILE") or None
# A run must end well before the next cron slot (15 minutes).
CLOSESPIDER_TIMEOUT = int(os.environ.get("WIRETRACE_CLOSE_TIMEOUT", "720"))
