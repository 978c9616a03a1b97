"""AppTest helpers: run the dashboard and read what a page shows."""

import json

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from negotiation.ui import registry

DASHBOARD = registry.ROOT / "dashboard.py"
PAGES = [page.name for page in registry.PAGES]
CHARTLESS = {page.name for page in registry.PAGES if not page.charts}


def open_page(page: str, query: dict[str, str | list[str]] | None = None) -> AppTest:
    """The app after a full run of `page`, with optional URL query parameters."""
    at = AppTest.from_file(str(DASHBOARD), default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    spec = registry.page(page)
    if not spec.default:
        at.switch_page(spec.path).run()
    return at


def charts(at: AppTest) -> list[dict]:
    """Each Vega-Lite chart on the page as its spec, with its data under `frame`."""
    out = []
    for element in at.get("vega_lite_chart"):
        spec = json.loads(element.proto.spec)
        frames = [pa.ipc.open_stream(d.data.data).read_pandas() for d in element.proto.datasets]
        spec["frame"] = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        out.append(spec)
    return out


def titles(at: AppTest) -> list[str]:
    return [h.value for h in at.subheader]
