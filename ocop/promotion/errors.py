class PromotionError(Exception):
    """A refused step on a trade-promotion event or a participation; ``str()`` is the
    message for the user."""
