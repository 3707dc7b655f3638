"""Third-party services that tell us things (not payment providers)."""
