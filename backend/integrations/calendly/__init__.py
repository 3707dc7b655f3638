"""Calendly: VIP invitees book the allowlist-only evening through Calendly."""
