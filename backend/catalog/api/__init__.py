"""The catalog's public read API (``/api/catalog/...``) and its OpenAPI examples."""
