"""Local runs (the default in scrapy.cfg): base settings, INFO logging, store in ./data."""

from settings.base import *  # noqa: F403

LOG_LEVEL = "INFO"
