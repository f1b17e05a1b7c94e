"""Only crawler/ (spiders, pipelines, extensions, commands) may import Scrapy."""

import subprocess
import sys

import pytest

from tests.conftest import ROOT


@pytest.mark.parametrize("module", ["cleaners", "crawler.lineage", "crawler.storage", "crawler.fingerprint",
                                    "crawler.exceptions", "crawler.storage.s3", "crawler.storage.spool",
                                    "crawler.publishers", "crawler.discovery", "crawler.seen",
                                    "crawler.storage.archive", "crawler.work", "crawler.pool"])
def test_scrapy_free(module: str) -> None:
    code = f"import sys, {module}; print('scrapy' in sys.modules, 'twisted' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"], f"{module} pulls in Scrapy or Twisted"


def test_crawl_process_does_not_import_datasketch() -> None:
    # the crawl process's pipelines, extensions and commands must not pay for datasketch's package
    # imports (scipy, 0.3 s of start-up) unless it fingerprints (crawler.work.fingerprint_in_workers),
    # and then on its first fingerprint
    code = ("import sys, crawler.pipelines, crawler.extensions, crawler.middlewares, crawler.commands.crawl, "
            "crawler.cli.crawl, crawler.spiders.crawl; print('datasketch' in sys.modules, 'scipy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
