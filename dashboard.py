"""Negotiation Positions: the dashboard's entry point (`streamlit run dashboard.py`)."""

import streamlit as st

from negotiation import ui
from negotiation.ui import memory, registry

memory.share_malloc_arenas()
st.set_page_config(page_title="Negotiation Positions", page_icon="⚖️", layout="wide")
navigation = st.navigation(
    [
        st.Page(page.path, title=page.title, icon=page.icon, default=page.default)
        for page in registry.PAGES
    ]
)
ui.sidebar()
navigation.run()
