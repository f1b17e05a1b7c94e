"""CLEAN: ``python -m cleaners FILE…`` prints each file's cleaned article as JSON."""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from cleaners import clean
from crawler.exceptions import ExtractionError


def main(argv: list[str] | None = None) -> int:
    """Clean each file and print one JSON object per file; exit 1 if any file failed."""
    ap = argparse.ArgumentParser(prog="python -m cleaners", description=__doc__)
    ap.add_argument("files", nargs="+", type=Path, help="article files (.txt, .html, optionally .gz)")
    args = ap.parse_args(argv)
    failed = 0
    for path in args.files:
        try:
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            result = clean(data, url=path.resolve().as_uri().removesuffix(".gz"))
            print(json.dumps({"file": str(path), **result.to_dict()}, ensure_ascii=False, indent=2))
        except (OSError, EOFError, ExtractionError) as exc:
            failed += 1
            print(json.dumps({"file": str(path), "error": str(exc)}), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
