"""Settings shared by every environment: polite defaults, pipeline order, every WIRETRACE_* key.

Constants and environment reads only, no logic. Each WIRETRACE_* key can be set by the
environment variable of the same name.
"""

import os

BOT_NAME = "wiretrace"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

# Politeness (live crawls; the replay spider turns robots off for file:// URLs).
ROBOTSTXT_OBEY = True
USER_AGENT = os.environ.get("WIRETRACE_USER_AGENT", "wiretrace/0.1 (+https://example.org/wiretrace)")
CONCURRENT_REQUESTS_PER_DOMAIN = 2
AUTOTHROTTLE_ENABLED = True
TELNETCONSOLE_ENABLED = False

ITEM_PIPELINES = {
    "crawler.pipelines.CleanPipeline": 300,
    "crawler.pipelines.LineagePipeline": 500,
    "crawler.pipelines.StorePipeline": 800,
}
# ARCHIVE next to the downloader (raw bytes as received); WARC replay before everything else.
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.WarcReplayMiddleware": 40,
    "crawler.middlewares.ArchiveMiddleware": 950,
}
EXTENSIONS = {
    "crawler.extensions.RunFinisher": 500,
}

# Used by crawler.run (store) and crawler.storage: where runs/<run_id>/ is written.
WIRETRACE_STORE_URI = os.environ.get("WIRETRACE_STORE_URI", "file://./data")
# Used by crawler.run: lineage index and spool; local disk even when the store is remote.
WIRETRACE_STATE_DIR = os.environ.get("WIRETRACE_STATE_DIR", "./data/state")
# Used by crawler.run → crawler.lineage.LineageIndex: days an article stays in the index.
WIRETRACE_LINEAGE_WINDOW_DAYS = float(os.environ.get("WIRETRACE_LINEAGE_WINDOW_DAYS", "30"))
# Used by crawler.spiders.replay: default input when `-a path=` is not given.
WIRETRACE_REPLAY_PATH = os.environ.get("WIRETRACE_REPLAY_PATH", "seeds")
# Used by crawler.spiders.replay: larger files (or .gz contents) are skipped, with a stat.
WIRETRACE_MAX_FILE_BYTES = int(os.environ.get("WIRETRACE_MAX_FILE_BYTES", str(5 * 1024 * 1024)))
# Used by crawler.extensions.RunFinisher: print the end-of-run summary on stdout.
WIRETRACE_SUMMARY = os.environ.get("WIRETRACE_SUMMARY", "1") not in ("0", "false", "no")
# Used by crawler.pipelines.CleanPipeline: worker processes for cleaning and fingerprinting
# (default: one per CPU); 0 cleans inline in the crawl process.
WIRETRACE_CLEAN_WORKERS = int(os.environ.get("WIRETRACE_CLEAN_WORKERS", str(os.cpu_count() or 1)))
