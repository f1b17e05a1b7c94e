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
    ap.add_argument("--url", help="the page URL (resolves relative canonical links); default: the file's URI")
    ap.add_argument("--content-type", help="the HTTP Content-Type to assume, e.g. 'text/html; charset=utf-8'")
    ap.add_argument("--jsonl", action="store_true", help="one compact JSON object per line (errors included)")
    ap.add_argument("--text", action="store_true", help="print only the body text of each file")
    args = ap.parse_args(argv)
    failed = 0
    for path in args.files:
        try:
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            url = args.url or path.resolve().as_uri().removesuffix(".gz")
            result = clean(data, url=url, content_type=args.content_type)
            if args.text:
                print(result.text, end="\n\n")
            else:
                out = {"file": str(path), **result.to_dict()}
                print(json.dumps(out, ensure_ascii=False, indent=None if args.jsonl else 2))
        except (OSError, EOFError, ExtractionError) as exc:
            failed += 1
            error = {"file": str(path), "error": str(exc),
                     "reason": getattr(exc, "reason", type(exc).__name__)}
            print(json.dumps(error), file=sys.stdout if args.jsonl else sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
