"""The vetting pages: `requests` (a person's own request and the NCB's decisions) and
`handouts` (invitations, pre-authorisation codes and e-mail domain rules)."""
