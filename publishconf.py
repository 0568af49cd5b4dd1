"""Production overrides: the public address from KFQ_SITEURL, a clean output folder."""

import os
import runpy
from pathlib import Path

# Every upper-case setting of pelicanconf.py, then the production differences. Pelican loads
# a settings file by its path, not as a module on sys.path, so pelicanconf.py is run by path too.
_local = runpy.run_path(str(Path(__file__).resolve().with_name("pelicanconf.py")))
globals().update({k: v for k, v in _local.items() if k.isupper()})

SITEURL = os.environ.get("KFQ_SITEURL", "").rstrip("/")
if not SITEURL:
    raise SystemExit(
        "publishconf.py: set KFQ_SITEURL to the site's public address, "
        "e.g. `KFQ_SITEURL=https://www.example.cn invoke build --publish`"
    )
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
FEED_DOMAIN = SITEURL

# Where `invoke publish` puts the site (README: Publishing). Hosts and remotes come from the
# environment, keys and passwords from ~/.ssh and rclone's own config, never from this file.
#   server: rsync over SSH into releases/<id>/ under path, then `current` switched to it
#   bucket: object storage behind a CDN, through an rclone remote (`rclone config`)
# A target may also set url (default SITEURL), ssh (e.g. "ssh -p 2222"), keep (releases kept,
# default 5), config (an rclone.conf) and office_files (True publishes contributors/*/ files).
PUBLISH = {
    "default": os.environ.get("KFQ_PUBLISH_TARGET", "server"),
    "targets": {
        "server": {
            "kind": "rsync",
            "host": os.environ.get("KFQ_PUBLISH_HOST", ""),
            "path": os.environ.get("KFQ_PUBLISH_PATH", "/srv/kfq"),
        },
        "bucket": {"kind": "rclone", "remote": os.environ.get("KFQ_PUBLISH_REMOTE", "")},
    },
}
