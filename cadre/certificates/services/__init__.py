"""Writes for certificates: issue, revoke, re-issue."""
