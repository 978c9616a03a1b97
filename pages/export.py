import streamlit as st

from negotiation import ui
from negotiation.charts import views
from negotiation.documents import export

ds, sel = ui.current()
st.title("Export")
st.caption(
    "Pick charts, versions and formats, then build one ZIP. Each chart is drawn with the "
    "parties and issues chosen in the sidebar; charts over all versions are exported once."
)
charts = st.multiselect(
    "Charts", list(views.VIEWS), default=["matrix"], key=ui.Keys.export_charts,
    format_func=lambda name: views.VIEWS[name].title,
)  # fmt: skip
versions = st.multiselect(
    "Versions", ds.version_ids, default=[sel.version], key=ui.Keys.export_versions,
    format_func=lambda v: ds.version(v).name,
)  # fmt: skip
formats = st.multiselect(
    "Formats", list(export.FORMATS), default=["png", "svg"], key=ui.Keys.export_formats,
    format_func=lambda f: export.FORMATS[f].label,
)  # fmt: skip
total = export.count(charts, versions, formats)
st.caption(
    f"{total} file(s), named `<chart>__<version>.<ext>` (`<chart>.<ext>` over all versions)."
)
if st.button("Build ZIP", type="primary", disabled=not total, key=ui.Keys.export_build):
    bar = st.progress(0.0, text="Building…")
    data = export.zip_exports(
        ds, sel, charts, versions, formats,
        progress=lambda done, of, name: bar.progress(done / of, text=f"{done}/{of} {name}"),
    )  # fmt: skip
    bar.empty()
    st.download_button(
        "Download ZIP", data, file_name=f"{ds.id}-charts.zip", mime="application/zip",
        on_click="ignore", icon=":material/download:", key=ui.Keys.export_zip,
    )  # fmt: skip
