"""Negotiation Positions: the dashboard's entry point (`streamlit run dashboard.py`).

Streamlit runs this file as `__main__` for every reader's run. `streamlit run` also imports it
once, as a module, to serve it: it then finds `app`, an ASGI app (`st.App`) whose start tunes
the server's memory and warms the caches for the first reader in the background
(negotiation/ui/warm.py), importing nothing heavy before the server answers."""

import streamlit as st

from negotiation import ui
from negotiation.ui import memory, registry, warm

if __name__ == "__main__":
    st.set_page_config(page_title="Negotiation Positions", page_icon="⚖️", layout="wide")
    navigation = st.navigation(
        [
            st.Page(page.path, title=page.title, icon=page.icon, default=page.default)
            for page in registry.PAGES
        ]
    )
    ui.sidebar()
    navigation.run()
else:
    memory.share_malloc_arenas()
    app = st.App(__file__, lifespan=warm.lifespan)
