"""Publishers as data: the sources file is read into Publisher records, and every mistake names its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.exceptions import ConfigError
from crawler.publishers import Publisher, load_publishers, select_publishers
from tests.conftest import ROOT

VALID = """\
# two publishers
[[publisher]]
name = "example-wire"
domains = ["wire.example.com"]
wire = "AP"
feeds = ["https://wire.example.com/rss.xml"]
sitemaps = ["https://wire.example.com/sitemap.xml"]

[[publisher]]
name = "daily"
domains = ["Daily.Example.com"]
start_urls = ["https://daily.example.com/world/"]
follow = ["/news/", "/world/"]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_loads_into_frozen_records(tmp_path: Path) -> None:
    wire, daily = load_publishers(_write(tmp_path, VALID))
    assert wire == Publisher(name="example-wire", domains=("wire.example.com",), wire="AP",
                             feeds=("https://wire.example.com/rss.xml",),
                             sitemaps=("https://wire.example.com/sitemap.xml",))
    assert daily.domains == ("daily.example.com",) and daily.follow == ("/news/", "/world/")
    assert daily.owns("https://daily.example.com/world/x") and daily.owns("http://m.daily.example.com/a")
    assert not daily.owns("https://evil-daily.example.com.attacker.net/") and not wire.owns("https://example.com/")
    with pytest.raises(AttributeError):
        wire.name = "other"  # type: ignore[misc]


def test_the_shipped_sources_file_is_valid() -> None:
    assert load_publishers(ROOT / "settings" / "sources.toml")


def test_selection_by_name_and_method(tmp_path: Path) -> None:
    pubs = load_publishers(_write(tmp_path, VALID))
    assert [p.name for p in select_publishers(pubs, method="feeds")] == ["example-wire"]
    assert [p.name for p in select_publishers(pubs, method="site")] == ["daily"]
    assert [p.name for p in select_publishers(pubs, "daily")] == ["daily"]
    with pytest.raises(ConfigError, match="no publisher named 'nope'.*known: example-wire, daily"):
        select_publishers(pubs, "nope")


@pytest.mark.parametrize("broken, line, field", [
    (VALID.replace('wire = "AP"', 'wire = 3'), 5, "wire"),
    (VALID.replace('feeds = ["https://wire.example.com/rss.xml"]', 'feeds = ["ftp://wire.example.com/rss"]'), 6, "feeds"),
    (VALID.replace('domains = ["Daily.Example.com"]', 'domains = []'), 11, "domains"),
    (VALID.replace('follow = ["/news/", "/world/"]', 'follow = "/news/"'), 13, "follow"),
    (VALID.replace('name = "daily"', 'name = "example-wire"'), 10, "name"),
    (VALID.replace('name = "daily"\n', ''), 9, "name"),
    (VALID.replace('start_urls', 'start_url'), 12, "start_url"),
])
def test_field_errors_name_file_line_and_field(tmp_path: Path, broken: str, line: int, field: str) -> None:
    path = _write(tmp_path, broken)
    with pytest.raises(ConfigError) as err:
        load_publishers(path)
    message = str(err.value)
    assert message.startswith(f"{path}:{line}: ") and f"field {field!r}" in message, message


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, VALID.replace('wire = "AP"', 'wire = "AP'))
    with pytest.raises(ConfigError, match=rf"^{path}:5: not valid TOML"):
        load_publishers(path)


def test_missing_file_and_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read.*WIRETRACE_SOURCES"):
        load_publishers(tmp_path / "absent.toml")
    with pytest.raises(ConfigError, match="no \\[\\[publisher\\]\\] table"):
        load_publishers(_write(tmp_path, "# nothing\n"))
