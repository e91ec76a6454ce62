"""Accreditation pages: cases and their steps, certificates, and public verification."""
