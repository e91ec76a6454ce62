"""Background work for sessions. Celery finds tasks through this package, so each module of
it is imported here."""
