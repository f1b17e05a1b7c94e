"""Settings shared by every environment: polite defaults, pipeline order, every WIRETRACE_* key.

Constants and environment reads only, no logic. Each WIRETRACE_* key can be set by the
environment variable of the same name.
"""

import os

BOT_NAME = "wiretrace"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

# Used by USER_AGENT below: a page saying who runs this crawler and how to reach them.
WIRETRACE_CONTACT_URL = os.environ.get("WIRETRACE_CONTACT_URL", "https://example.org/wiretrace")

# Politeness (live crawls; the replay spider turns robots off for file:// URLs). Crawl-delay from
# robots.txt and Retry-After are applied by crawler.middlewares.PoliteRetryMiddleware.
ROBOTSTXT_OBEY = True
USER_AGENT = os.environ.get("WIRETRACE_USER_AGENT") or f"wiretrace/0.1 (+{WIRETRACE_CONTACT_URL})"
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 30.0
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# A publisher's broken page is a warning (and a stat), not an error of the run.
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"
DOWNLOAD_TIMEOUT = 30
# Bigger pages (and bigger decompressed gzip bodies) are refused: stat wiretrace/fetch/too_large.
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 5 * 1024 * 1024
# ARCHIVE next to the downloader (raw bytes as received); WARC replay before everything else.
DOWNLOADER_MIDDLEWARES = {
    "crawler.archive.WarcReplayMiddleware": 40,
    "crawler.middlewares.SeenMiddleware": 50,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.PoliteRetryMiddleware": 550,
    "crawler.archive.ArchiveMiddleware": 950,
}
TELNETCONSOLE_ENABLED = False
# Every callback yields at most one item per response, and Scrapy starts CONCURRENT_ITEMS asyncio
# tasks for each response's output (100 by default: about 0.7 ms of CPU per page for nothing).
CONCURRENT_ITEMS = 1
# Scrapy re-reads and parses the callback's source for every response (its cache is keyed on the
# bound method, which is new each time): about 1 ms of CPU per page for a development-time warning.
WARN_ON_GENERATOR_RETURN_VALUE = False

ITEM_PIPELINES = {
    "crawler.pipelines.CleanPipeline": 300,
    "crawler.pipelines.DiscoveryPipeline": 400,
    "crawler.pipelines.LineagePipeline": 500,
    "crawler.pipelines.StorePipeline": 800,
}
EXTENSIONS = {
    "crawler.extensions.RunFinisher": 500,
}

# Used by crawler.run (store) and crawler.storage: where runs/<run_id>/ is written.
WIRETRACE_STORE_URI = os.environ.get("WIRETRACE_STORE_URI", "file://./data")
# Used by crawler.run: lineage index and spool; local disk even when the store is remote (s3://).
WIRETRACE_STATE_DIR = os.environ.get("WIRETRACE_STATE_DIR", "./data/state")
# Used by crawler.run → crawler.lineage.LineageIndex: days an article stays in the index.
WIRETRACE_LINEAGE_WINDOW_DAYS = float(os.environ.get("WIRETRACE_LINEAGE_WINDOW_DAYS", "30"))
# Used by crawler.spiders.replay: default input when `-a path=` is not given.
WIRETRACE_REPLAY_PATH = os.environ.get("WIRETRACE_REPLAY_PATH", "seeds")
# Used by crawler.spiders.replay: larger files (or .gz contents) are skipped, with a stat.
WIRETRACE_MAX_FILE_BYTES = int(os.environ.get("WIRETRACE_MAX_FILE_BYTES", str(5 * 1024 * 1024)))
# Used by crawler.extensions.RunFinisher: print the end-of-run summary on stdout.
WIRETRACE_SUMMARY = os.environ.get("WIRETRACE_SUMMARY", "1") not in ("0", "false", "no")
# Used by the live spiders (crawler.spiders._base): the publishers file when `-a sources=` is not given.
WIRETRACE_SOURCES = os.environ.get("WIRETRACE_SOURCES", "settings/sources.toml")
# Used by crawler.middlewares.SeenMiddleware: hours after first being stored that a wire agency's
# original is re-checked (conditional GET) for updates; other seen articles are never re-fetched.
WIRETRACE_RECHECK_WIRE_HOURS = float(os.environ.get("WIRETRACE_RECHECK_WIRE_HOURS", "48"))
# Used by crawler.middlewares.PoliteRetryMiddleware: longest Retry-After honoured, in seconds.
WIRETRACE_MAX_RETRY_AFTER = float(os.environ.get("WIRETRACE_MAX_RETRY_AFTER", "120"))
# Used by crawler.middlewares.PoliteRetryMiddleware: first retry backoff in seconds (doubles each retry).
WIRETRACE_RETRY_BACKOFF = float(os.environ.get("WIRETRACE_RETRY_BACKOFF", "2"))
# Used by crawler.cli.crawl: a run with more ERROR log lines than this exits non-zero.
WIRETRACE_MAX_ERRORS = int(os.environ.get("WIRETRACE_MAX_ERRORS", "20"))
# Used by crawler.cli.crawl: lock file that keeps two runs from overlapping ("" = <state>/crawl.lock).
WIRETRACE_LOCK_FILE = os.environ.get("WIRETRACE_LOCK_FILE", "")
# Used by crawler.storage.RunWriter (via crawler.run), TESTS ONLY: a file path; before uploading the
# manifest the run creates <path>.waiting and waits for <path>, so a test can stop the store between
# two uploads. Never set it in a real run.
WIRETRACE_TEST_HOLD_MANIFEST = os.environ.get("WIRETRACE_TEST_HOLD_MANIFEST", "")
# Used by crawler.pipelines.CleanPipeline: worker processes for cleaning (and fingerprinting, see
# WIRETRACE_FINGERPRINT_IN) (default: one per CPU but one, which the crawl process itself keeps
# busy); 0 cleans inline.
WIRETRACE_CLEAN_WORKERS = int(os.environ.get("WIRETRACE_CLEAN_WORKERS", str(max(1, (os.cpu_count() or 2) - 1))))
# Used by crawler.pipelines.CleanPipeline: where articles are fingerprinted: "auto" (in the workers
# when there are two or more, else in the crawl process, which then has CPU to spare), "workers" or
# "crawl" (see crawler.work.fingerprint_in_workers).
WIRETRACE_FINGERPRINT_IN = os.environ.get("WIRETRACE_FINGERPRINT_IN", "auto")
