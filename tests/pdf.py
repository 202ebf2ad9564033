"""Reading generated PDFs back in tests."""

import io
import re
import unicodedata

from pypdf import PdfReader


def text_of(pdf: bytes) -> str:
    """The PDF's text, NFC-normalised, with whitespace collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    raw = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", raw)).strip()


def flat(s: str) -> str:
    """Without any whitespace: line breaks may fall anywhere in a long cell."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", s))
