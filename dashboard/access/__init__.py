"""Who may sign in and what they see (accounts, roles, scopes), and the audit log of who did what."""
