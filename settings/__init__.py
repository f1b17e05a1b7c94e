"""Scrapy settings modules, one per environment.

``scrapy.cfg`` names them: ``default = settings.dev`` (local runs), ``settings.prod`` (cron),
``settings.test`` (tests). Pick another with ``SCRAPY_SETTINGS_MODULE=settings.prod`` or
``SCRAPY_PROJECT=prod``. Every ``WIRETRACE_*`` key is defined in :mod:`settings.base` and can be
overridden by the environment variable of the same name.
"""
