"""Data: bring a negotiation in (preview and report before anything is written), take one out
as a zip, and, when editing is switched on, edit and save it safely."""

import streamlit as st

from negotiation import ui
from negotiation.data import edit, importers, settings, store, table
from negotiation.data.model import CONFIDENCES, STATUSES

ds, sel = ui.current()
root = ui.data_dir()
st.title("Data")

# --- import: widgets -> preview -> report or preview, save when editing is on ---------------
st.header("Bring your own negotiation")
st.caption(
    f"Formats: {'; '.join(f.label for f in importers.FORMATS.values())}. "
    f"Up to {settings.MAX_UPLOAD_MB} MB, {settings.MAX_ROWS:,} rows and "
    f"{settings.MAX_COLUMNS} columns; UTF-8, UTF-16 or Latin-1; comma, semicolon or tab."
)
uploads = st.file_uploader(
    "Files", accept_multiple_files=True, key=ui.Keys.uploads,
    type=["csv", "tsv", "txt", "xlsx", "zip", "yaml", "yml"],
)  # fmt: skip
left, middle, right = st.columns(3)
fmt = left.selectbox(
    "Format", ["auto", *importers.FORMATS], key=ui.Keys.import_format,
    format_func=lambda f: "detect" if f == "auto" else importers.FORMATS[f].label,
)  # fmt: skip
name = middle.text_input("Dataset name", key=ui.Keys.import_name, placeholder="trade-deal")
levels = right.text_area(
    "Ordinal levels (tables)", key=ui.Keys.levels, placeholder="nato=open,consensus,barred",
    help="One line per ordinal issue, its level ids in order; numeric scales are inferred.",
)  # fmt: skip
if uploads:
    result = importers.preview({u.name: u.getvalue() for u in uploads}, root, name, fmt, levels)
    ui.problems(result.problems)
    if result.ds is not None:
        imported = result.ds
        st.success(
            f"Valid: {len(imported.parties)} parties, {len(imported.issues)} issues, "
            f"{len(imported.versions)} versions, {len(imported.positions)} positions."
        )
        if imported.import_report:
            assumed = "\n".join(f"- {line}" for line in imported.import_report)
            st.info(f"**Assumed on import** (saved beside the data as IMPORT.md):\n{assumed}")
        ui.grid(table.tidy(imported).head(500), key="preview")
        if not settings.editable():
            st.info(f"Saving is off on this server; set {settings.EDITABLE_VARIABLE}=1 to allow.")
        elif not name.strip():
            st.info("Give the dataset a name above to save it (letters, digits and hyphens).")
        elif st.button(f"Save as dataset '{name}'", type="primary", disabled=bool(result.problems)):
            ui.save(lambda: store.save(imported, root / name, overwrite=False), root / name,
                    created=True)  # fmt: skip

# --- export ---------------------------------------------------------------------------------
st.header("Take this dataset elsewhere")
st.download_button(
    f"Download '{ds.id}' as a zip", lambda: store.export_zip(ds.path), file_name=f"{ds.id}.zip",
    mime="application/zip", on_click="ignore",  # zipped on click, not on every rerun
)  # fmt: skip

# --- edit -----------------------------------------------------------------------------------
st.header("Edit")
if not settings.editable():
    st.info(
        f"Editing is off (read-only). Start the dashboard with {settings.EDITABLE_VARIABLE}=1 "
        "to edit positions and add versions, parties, issues and sources."
    )
    st.stop()
folder = root / ds.id
work, loaded_hash = ui.working_copy(folder)
issue = st.selectbox(
    "Issue", work.issue_ids, key=ui.Keys.edit_issue,
    format_func=lambda i: work.issue(i).name,
)  # fmt: skip
st.caption(f"Positions at {work.version(sel.version).name}; pick the version in the sidebar.")
edited = st.data_editor(
    edit.issue_rows(work, sel.version, issue), num_rows="dynamic", hide_index=True,
    key=f"{ui.Keys.editor}-{ds.id}-{sel.version}-{issue}-{loaded_hash[:12]}",
    column_config=ui.position_columns(work, issue, edit.parties_with_draft(work)),
)  # fmt: skip
save, reload, undo = st.columns(3)
if save.button("Save positions", type="primary"):
    ui.save(lambda: store.save(edit.replace_rows(work, sel.version, issue, edited), folder,
                               loaded_hash), folder)  # fmt: skip
if reload.button("Reload from disk"):
    ui.forget_working_copy(folder)
    st.rerun()
with undo:
    ui.undo_button()  # after the save buttons, so a save shows its undo at once
ui.issue_form(work, issue, folder, loaded_hash)
ui.add_forms(work, folder, loaded_hash)

st.caption(
    f"Every save is checked first, written atomically, and keeps the previous content in "
    f"{store.HISTORY}/ (the last {settings.HISTORY_KEEP} saves). Statuses: {', '.join(STATUSES)}; "
    f"confidence: {', '.join(CONFIDENCES)}."
)
