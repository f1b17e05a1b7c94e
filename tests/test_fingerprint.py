"""FINGERPRINT: pinned golden values, typography-blind hashing, the parameter manifest."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import numpy as np

from crawler.fingerprint import FingerprintParams, band_keys, fingerprint
from tests.conftest import ROOT

TEXT = "South Korean President Lee Jae Myung arrived in Tokyo on Saturday for summit talks with Japan's premier."


def _digest(sig: np.ndarray) -> str:
    return hashlib.sha256(sig.astype("<u4").tobytes()).hexdigest()[:16]


def test_golden_values() -> None:
    # Pinned: a change here means saved indexes no longer match (bump the manifest, rebuild indexes).
    fp = fingerprint(TEXT)
    assert fp.n_words == 17
    assert fp.sha256[:16] == GOLDEN["sha256"]
    assert _digest(fp.shingles) == GOLDEN["shingles"]
    assert _digest(fp.facts) == GOLDEN["facts"]
    # shorter than the lead: the lead signature is the whole text's
    assert _digest(fp.lead) == GOLDEN["shingles"]


def test_lead_covers_the_top_only() -> None:
    body = TEXT + " " + " ".join(f"Paragraph {i} adds detail number {i * 7} about the talks." for i in range(20))
    tail_changed = body.rsplit(" ", 12)[0] + " and an entirely different ending was written by a local desk."
    full, cut = fingerprint(body), fingerprint(tail_changed)
    assert np.array_equal(full.lead, cut.lead)
    assert not np.array_equal(full.shingles, cut.shingles)
    assert not np.array_equal(fingerprint("Local desk insert. " + body).lead, full.lead)


def test_facts_are_names_and_numbers() -> None:
    from cleaners.text import fact_terms
    facts = fact_terms('Officials said on Saturday that 1,500 people met Lee Jae Myung in Tokyo. "We agreed," he said.')
    assert {"saturday", "1500", "lee", "jae", "myung", "tokyo"} <= facts
    assert not {"officials", "we", "people", "agreed"} & facts


def test_same_in_another_process() -> None:
    code = ("from crawler.fingerprint import fingerprint; import hashlib; "
            f"f = fingerprint({TEXT!r}); print(hashlib.sha256(f.shingles.astype('<u4').tobytes()).hexdigest()[:16])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == GOLDEN["shingles"]


def test_typography_does_not_change_the_hash() -> None:
    curly = TEXT.replace("'", "\u2019").replace(" on ", "  on\u00a0")
    assert fingerprint(curly).sha256 == fingerprint(TEXT).sha256
    assert fingerprint(TEXT + " More.").sha256 != fingerprint(TEXT).sha256


def test_band_keys_separate_signals() -> None:
    fp = fingerprint(TEXT)
    k0 = band_keys(fp.shingles, 32, 4, 0)
    assert len(k0) == len(set(k0)) == 32
    assert not set(k0) & set(band_keys(fp.shingles, 32, 4, 1))


def test_manifest_names_what_changes_signatures() -> None:
    m = FingerprintParams().manifest()
    assert {"num_perm", "seed", "scheme", "shingle_size", "shingle_bands", "shingle_rows", "lead_words",
            "lead_bands", "fact_bands", "fact_rows", "min_facts", "datasketch", "hashfunc", "normalization"} <= set(m)
    assert m["datasketch"] == "2" and m["scheme"] == "affine32"


GOLDEN = {"sha256": "a7932fa012176184", "shingles": "a61e77d21d0b8591", "facts": "14d6fc258a4258eb"}
