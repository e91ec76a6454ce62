"""Reads for sessions, one module per part of a session's life."""
