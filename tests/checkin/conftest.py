"""The scanning tests' fixtures live in ``tests.support.checkin`` (the websocket tests of
identity use them too); they are registered suite-wide in ``tests/conftest.py``."""
