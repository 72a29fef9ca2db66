"""Django's PostgreSQL backend, waiting a moment for a server that is restarting."""
