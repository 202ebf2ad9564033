class ApiError(Exception):
    """An API refusal: HTTP status, a message in the user's language, and the offending code."""

    def __init__(self, status: int, detail: str, code: str | None = None):
        super().__init__(detail)
        self.status, self.detail, self.code = status, detail, code
