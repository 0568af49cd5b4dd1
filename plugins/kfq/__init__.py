"""The domain core of kfq-weekly: pure Python, independent of Pelican."""
