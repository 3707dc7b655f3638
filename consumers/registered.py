"""The topics the gateway serves, registered in one place.

Each later app adds its topics here: a pattern, who may subscribe and how the snapshot is
built (a selector of that app).  See :mod:`consumers.topics`.
"""

from __future__ import annotations
