class CertificateError(Exception):
    """A refused step on a certificate; ``str()`` is the message for the user."""
