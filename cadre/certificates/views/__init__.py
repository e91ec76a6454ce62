"""The certificates' pages: the holder's list and certificate pages with their PDFs, revocation
and re-issue (`holder`), and the public verification (`public`)."""
