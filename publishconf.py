"""Production overrides: the public address from KFQ_SITEURL, a clean output folder."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pelicanconf

# Every upper-case setting of pelicanconf.py, then the production differences.
globals().update({k: v for k, v in vars(pelicanconf).items() if k.isupper()})

SITEURL = os.environ.get("KFQ_SITEURL", "").rstrip("/")
if not SITEURL:
    raise SystemExit(
        "publishconf.py: set KFQ_SITEURL to the site's public address, "
        "e.g. `KFQ_SITEURL=https://www.example.cn invoke build --publish`"
    )
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
FEED_DOMAIN = SITEURL
