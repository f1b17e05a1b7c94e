"""CLI: ``python -m crawler.cli`` is the ``wiretrace`` console script."""

import sys

from crawler.cli import main

sys.exit(main())
