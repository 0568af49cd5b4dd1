"""Publishing a checked build: targets from the settings, uploads with rsync or rclone, checks.

targets.py   the targets of publishconf.py's PUBLISH setting, checked
kinds.py     each file's kind and cache lifetime (the nginx config holds the same rules)
rsync.py     a release folder per build over SSH, `current` switched in one rename
rclone.py    object storage: changed files only, assets before pages, deletions last
verify.py    after publishing: do the home page, the newest article and the index serve?
"""
