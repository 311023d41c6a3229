"""Drafts on disk: the store, the draft file, backups, the lock, recovery."""
