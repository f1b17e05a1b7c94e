"""CLEAN: the language model's cache (cleaners.language) gives py3langid's own answers, and is
rebuilt, bypassed or ignored rather than trusted when it is stale, damaged or cannot be written."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import numpy as np
import py3langid
import pytest

import cleaners.language as language
from cleaners import clean

ROOT = Path(__file__).resolve().parent.parent

SAMPLES = [
    "Le président a annoncé samedi un accord de cessez-le-feu avec les rebelles du nord du pays.",
    "Der Präsident hat am Samstag ein Waffenstillstandsabkommen mit den Rebellen angekündigt.",
    "El presidente anunció el sábado un acuerdo de alto el fuego con los rebeldes del norte.",
    "Il presidente ha annunciato sabato un accordo di cessate il fuoco con i ribelli del nord.",
    "O presidente anunciou no sábado um acordo de cessar-fogo com os rebeldes do norte.",
    "राष्ट्रपति ने शनिवार को उत्तर के विद्रोहियों के साथ युद्धविराम समझौते की घोषणा की।",
    "总统周六宣布与北方叛军达成停火协议。",
    "Президент в субботу объявил о соглашении о прекращении огня с повстанцами на севере.",
    "الرئيس أعلن يوم السبت عن اتفاق لوقف إطلاق النار مع المتمردين في الشمال.",
    "1234 5678 9012",
    "",
]


def _texts() -> list[str]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/fixtures/plaintext").glob("*.txt"))
    return [p.read_text(encoding="utf-8")[:800] for p in files] + SAMPLES


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A process state with no model loaded and the cache in ``tmp_path/cache``."""
    monkeypatch.setattr(language, "_identifier", None)
    monkeypatch.setattr(language, "source", None)
    monkeypatch.setenv("WIRETRACE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _reload(monkeypatch: pytest.MonkeyPatch) -> None:
    """Forget the loaded model, as a new process would."""
    monkeypatch.setattr(language, "_identifier", None)
    monkeypatch.setattr(language, "source", None)


def _no_package_load(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: object) -> None:
        raise AssertionError(f"the model was decompressed from {path}, not read from the cache")

    monkeypatch.setattr("py3langid.modelio.load_model", refuse)


def _assert_py3langid_answers() -> None:
    texts = _texts()
    assert [language.identifier().classify(t) for t in texts] == [py3langid.classify(t) for t in texts]


def test_first_use_writes_the_cache_and_later_processes_read_it(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert language.classify(SAMPLES[0]) == "fr"
    assert language.source == "written"
    (folder,) = fresh.glob("py3langid-*")
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["py3langid"] and meta["model_bytes"] > 0 and len(meta["model_blake2b"]) == 16
    _reload(monkeypatch)
    _no_package_load(monkeypatch)
    assert language.classify(SAMPLES[1]) == "de"
    assert language.source == "cache"
    _assert_py3langid_answers()
    # cleaning goes through the cached model too
    body = sorted((ROOT / "seeds").glob("000_*.txt"))[0].read_text(encoding="utf-8")
    assert clean(body).language == "en"


def test_damaged_cache_is_written_again(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    language.identifier()
    (folder,) = fresh.glob("py3langid-*")
    nextmove = folder / "nextmove.npy"
    nextmove.write_bytes(nextmove.read_bytes()[: nextmove.stat().st_size // 2])  # a write cut short
    _reload(monkeypatch)
    _assert_py3langid_answers()
    assert language.source == "written"
    _reload(monkeypatch)
    language.identifier()
    assert language.source == "cache"


def test_inconsistent_cache_is_not_trusted(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    language.identifier()
    (folder,) = fresh.glob("py3langid-*")
    row = np.load(folder / "row.npy")
    np.save(folder / "row.npy", row + np.asarray(row.max(), dtype=row.dtype))  # automaton rows out of range
    _reload(monkeypatch)
    _assert_py3langid_answers()
    assert language.source == "written"


def test_cache_of_another_model_is_not_used(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    language.identifier()
    (folder,) = fresh.glob("py3langid-*")
    meta = json.loads((folder / "meta.json").read_text())
    (folder / "meta.json").write_text(json.dumps({**meta, "py3langid": "0.1.0"}))  # written by another version
    _reload(monkeypatch)
    _assert_py3langid_answers()
    assert language.source == "written"
    # another version's cache in its own folder is left to it
    other = fresh / "py3langid-0.1.0-0123456789abcdef-1"
    other.mkdir()
    _reload(monkeypatch)
    language.identifier()
    assert language.source == "cache" and other.exists()


def test_unknown_model_layout_falls_back_to_py3langid(fresh: Path, monkeypatch: pytest.MonkeyPatch,
                                                     caplog: pytest.LogCaptureFixture) -> None:
    def other_layout(path: object) -> tuple[object, ...]:
        return ("a model", "of another shape")

    monkeypatch.setattr("py3langid.modelio.load_model", other_layout)
    with caplog.at_level(logging.WARNING, logger="cleaners.language"):
        assert language.classify(SAMPLES[3]) == "it"
    assert language.source == "package"
    assert "cache not used" in caplog.text
    assert not list(fresh.glob("py3langid-*"))


def test_unwritable_cache_falls_back_to_the_package(fresh: Path, caplog: pytest.LogCaptureFixture) -> None:
    fresh.parent.mkdir(exist_ok=True)
    fresh.write_text("a file where the folder should be")
    with caplog.at_level(logging.WARNING, logger="cleaners.language"):
        _assert_py3langid_answers()
    assert language.source == "package"
    assert "WIRETRACE_CACHE_DIR" in caplog.text


def test_cache_can_be_turned_off(fresh: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIRETRACE_CACHE_DIR", "off")
    assert language.cache_dir() is None
    assert language.classify(SAMPLES[2]) == "es"
    assert language.source == "package"
    assert not fresh.exists()


def test_default_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("WIRETRACE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert language.cache_dir() == tmp_path / "wiretrace"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert language.cache_dir() == tmp_path / "home" / ".cache" / "wiretrace"


def test_installations_with_the_same_model_share_one_cache(fresh: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    language.identifier()
    (folder,) = fresh.glob("py3langid-*")
    # another virtualenv: the same model file, installed at another path and time
    copy = tmp_path / "other-venv" / "model.npz.xz"
    copy.parent.mkdir()
    copy.write_bytes(language._model_file().read_bytes())
    monkeypatch.setattr(language, "_model_file", lambda: copy)
    _reload(monkeypatch)
    _no_package_load(monkeypatch)
    language.identifier()
    assert language.source == "cache"
    assert list(fresh.glob("py3langid-*")) == [folder]
