"""Accounts services: every write of the accounts app, and its transactions."""
