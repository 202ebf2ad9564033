"""What apps above recognition do when a decision is recorded or a notice sent.

Recognition cannot import them (the layer order), so they register here at start-up, as
``ocop.evaluation.sources`` and ``ocop.dossiers.standing`` do: the certificates app issues
one certificate per recognising line of a recorded decision (Điều 4.1, 4.3), ends those of
the lines a correction withdraws, and ends a Điều 12.3 extension at a 1★–2★ notice. The
handlers run inside the recording's transaction: if one fails, nothing is recorded.
"""

from collections.abc import Callable

_on_decision: list[Callable] = []
_on_notice: list[Callable] = []


def register(*, on_decision: Callable | None = None, on_notice: Callable | None = None) -> None:
    """Add ``on_decision(decision)`` and ``on_notice(notice)`` (once each)."""
    if on_decision is not None and on_decision not in _on_decision:
        _on_decision.append(on_decision)
    if on_notice is not None and on_notice not in _on_notice:
        _on_notice.append(on_notice)


def decision_recorded(decision, *, actor) -> None:
    for handler in _on_decision:
        handler(decision, actor=actor)


def notice_sent(notice, *, actor) -> None:
    for handler in _on_notice:
        handler(notice, actor=actor)
