"""Drop-in APIs of the five systems Gatehouse replaces (PROTOCOL.md, "Seed-compatible APIs").

One package per system under ``/compat/<system>/``: thin adapters that speak that system's
paths, field names, status codes and answer shapes, over the same services as the native API.
"""
