"""PDF documents from Typst templates. The data goes in as JSON (``sys.inputs.data``), so no
text is ever spliced into Typst markup and nothing needs escaping."""

import json
from pathlib import Path

import typst


def render_pdf(template: Path, data: dict) -> bytes:
    return typst.compile(
        template.read_bytes(),
        root=str(template.parent),
        sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
    )
