import streamlit as st

from negotiation import ui
from negotiation.analysis import agreement

ds, sel = ui.current()
version = ds.version(sel.version)
st.title("Matrix")
st.caption(f"{version.name} · {version.date:%d %B %Y}")
ui.chart("matrix", ds, sel)
st.subheader("The matrix as text")
stances = ui.cached(agreement.stance_matrix, ds, sel.version, sel.parties, sel.issues)
ui.grid(stances, key="stances")
