"""Negotiation Positions: the dashboard's entry point (`streamlit run dashboard.py`)."""

import streamlit as st

from negotiation import ui

st.set_page_config(page_title="Negotiation Positions", page_icon="⚖️", layout="wide")
navigation = st.navigation(
    [
        st.Page(
            "app_pages/overview.py", title="Overview", icon=":material/dashboard:", default=True
        ),
        st.Page("app_pages/matrix.py", title="Matrix", icon=":material/grid_on:"),
        st.Page("app_pages/gaps.py", title="Gaps & agreement", icon=":material/compare_arrows:"),
        st.Page("app_pages/compare.py", title="Compare versions", icon=":material/difference:"),
        st.Page("app_pages/forecast.py", title="Forecast", icon=":material/query_stats:"),
        st.Page("app_pages/sources.py", title="Sources", icon=":material/menu_book:"),
        st.Page("app_pages/data.py", title="Data", icon=":material/database:"),
        st.Page("app_pages/export.py", title="Export", icon=":material/download:"),
    ]
)
ui.sidebar()
navigation.run()
