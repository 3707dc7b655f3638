"""What a topic's snapshot builder may raise (the builders live with the apps that own the
data, in their selectors, and are wired to their topics in ``consumers.registered``).

A builder takes the topic's parameters and the subscribe frame's ``filter`` and raises
:class:`FilterError` for a filter that makes no sense, or :class:`TopicGone` when the thing
the topic is about does not exist.
"""

from __future__ import annotations


class FilterError(ValueError):
    """The subscribe frame's ``filter`` does not make sense for this topic."""


class TopicGone(LookupError):
    """What the topic is about does not exist (any more)."""
