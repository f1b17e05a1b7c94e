"""CLEAN quality gate: body word-4-gram F1 on tests/fixtures/html, per page class.

Our body must be at least as good as ``trafilatura.extract``'s default output on every class
(mean F1 over the class's pages, both measured in this run), and no class may fall below its
pinned floor. Scores come from :mod:`tests.eval_clean` (``python -m tests.eval_clean`` prints them).
"""

from __future__ import annotations

import pytest

from tests.eval_clean import by_class, cases, evaluate, ours, trafilatura_default

#: Mean F1 floors, pinned a little under what the cleaner scores today (1.000 on every class at
#: the time of writing) so that a regression fails here rather than silently.
FLOORS = {"all": 0.98, "wire-agency": 0.98, "big-publisher": 0.98, "regional": 0.97, "wordpress": 0.97,
          "aggregator": 0.97, "bad-input": 0.95}
PRECISION_FLOOR = 0.97

PAGES = cases()
pytestmark = pytest.mark.skipif(not PAGES, reason="no HTML fixtures in tests/fixtures/html")


@pytest.fixture(scope="module")
def tables():
    scores = evaluate({"ours": ours, "trafilatura": trafilatura_default}, PAGES)
    return {name: by_class(s, PAGES) for name, s in scores.items()}


def test_every_class_has_a_floor(tables) -> None:
    assert set(tables["ours"]) <= set(FLOORS), "a new page class needs a pinned floor"


@pytest.mark.parametrize("cls", sorted(FLOORS))
def test_not_worse_than_trafilatura(tables, cls: str) -> None:
    if cls not in tables["ours"]:
        pytest.skip(f"no {cls} pages")
    got, base = tables["ours"][cls], tables["trafilatura"][cls]
    assert got.f1 >= base.f1, f"{cls}: our F1 {got.f1:.3f} < trafilatura's {base.f1:.3f}"
    assert got.precision >= base.precision, f"{cls}: less clean than trafilatura"


@pytest.mark.parametrize("cls", sorted(FLOORS))
def test_floor(tables, cls: str) -> None:
    if cls not in tables["ours"]:
        pytest.skip(f"no {cls} pages")
    got = tables["ours"][cls]
    assert got.f1 >= FLOORS[cls], f"{cls}: F1 {got.f1:.3f} under the pinned floor {FLOORS[cls]}"
    assert got.precision >= PRECISION_FLOOR, f"{cls}: precision {got.precision:.3f}"
