class RecognitionError(Exception):
    """A refused change, in words for the person who asked for it."""
