"""The Data page's editing: the session's working copy, saves that say what they did, an undo
that only ever acts on the dataset the last save changed, and the add-forms as data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from negotiation.data import edit, store
from negotiation.data.load import DatasetError
from negotiation.data.model import CONFIDENCES, STATUSES, VERSION_KINDS, Dataset
from negotiation.ui.render import problems
from negotiation.ui.state import Keys


def working_copy(folder: Path) -> tuple[Dataset, str]:
    """The dataset being edited and the hash of the bytes it came from, kept for the session
    so that a save can tell whether someone else saved in between."""
    copies = st.session_state.setdefault(Keys.working, {})
    if str(folder) not in copies:
        copies[str(folder)] = store.read(folder)
    return copies[str(folder)]


def forget_working_copy(folder: Path) -> None:
    """Read the dataset from disk again on the next run."""
    st.session_state.setdefault(Keys.working, {}).pop(str(folder), None)


@dataclass(frozen=True)
class LastSave:
    """What the session's last save wrote: the folder, the hash it left, and whether it
    created the dataset (then there is nothing before it to go back to)."""

    folder: str
    hash: str
    created: bool


def save(action: Callable[[], str], folder: Path, created: bool = False) -> None:
    """Run a save of `folder` and say what it did; a refused save shows why and leaves the edits
    on screen. The save is remembered, so that Undo acts on this folder and no other."""
    try:
        new_hash = action()
    except DatasetError as error:
        problems(error.problems)
        return
    except (store.StaleError, OSError) as error:  # stale, exists, no history, disk
        st.error(f"Not saved: {error}")
        return
    forget_working_copy(folder)
    st.session_state[Keys.last_save] = LastSave(str(folder), new_hash, created)
    if created:
        st.success(f"Saved the new dataset '{folder.name}'. Pick it in the sidebar's Dataset list.")
    else:
        st.success(
            f"Saved '{folder.name}'. Its previous content is kept in its history; "
            f"'Undo the last save to {folder.name}' brings it back."
        )


def undo_button() -> None:
    """'Undo the last save to <dataset>', only when this session's last save changed a dataset
    that has its previous content in the history; it restores that dataset and no other."""
    last: LastSave | None = st.session_state.get(Keys.last_save)
    if last is None or last.created or not store.history_entries(Path(last.folder)):
        return
    folder = Path(last.folder)
    if st.button(f"Undo the last save to {folder.name}", icon=":material/undo:"):
        try:
            store.restore(folder, expected=last.hash)
        except (store.StaleError, OSError) as error:
            st.error(f"Not undone: {error}")
            return
        del st.session_state[Keys.last_save]
        forget_working_copy(folder)
        st.success(f"Undone: '{folder.name}' is back as it was before that save.")


def position_columns(ds: Dataset, issue: str, parties: list[str]) -> dict:
    """The editor's columns, each value constrained to the issue's scale or levels."""
    scale = ds.issue(issue).scale
    value = (
        st.column_config.NumberColumn(
            f"value ({scale.unit})" if scale.unit else "value",
            min_value=scale.min, max_value=scale.max,
        )
        if scale.is_numeric
        else st.column_config.SelectboxColumn("value", options=list(scale.level_ids()))
    )  # fmt: skip
    choice = st.column_config.SelectboxColumn
    return {
        "party": choice("party", options=parties, required=True),
        "value": value,
        "status": choice("status", options=list(STATUSES), required=True),
        "confidence": choice("confidence", options=list(CONFIDENCES), required=True),
        "salience": st.column_config.NumberColumn("salience", min_value=0.0, max_value=1.0),
    }


@dataclass(frozen=True)
class AddForm:
    """One 'Add a …' form: its widgets (drawn from the working copy) give the new dataset."""

    kind: str
    title: str
    changed: Callable[[Dataset], Callable[[], Dataset]]
    """Draws the form's widgets and returns how to build the changed dataset from them."""


def _version(work: Dataset) -> Callable[[], Dataset]:
    item = {
        "id": st.text_input("Id", placeholder="v3"),
        "name": st.text_input("Name"),
        "date": st.date_input("Date").isoformat(),
        "kind": st.selectbox("Kind", VERSION_KINDS),
        "summary": st.text_input("Summary"),
    }
    copy_from = st.selectbox("Copy positions from", ["", *work.version_ids])
    return lambda: edit.add_version(work, item, copy_from)


def _party(work: Dataset) -> Callable[[], Dataset]:
    item = {"id": st.text_input("Id"), "name": st.text_input("Name"),
            "short": st.text_input("Short label"), "colour": st.color_picker("Colour")}  # fmt: skip
    return lambda: edit.add(work, "parties", item)


def _issue(work: Dataset) -> Callable[[], Dataset]:
    item = {"id": st.text_input("Id"), "name": st.text_input("Name"),
            "group": st.text_input("Group", value="other"),
            "description": st.text_input("Description")}  # fmt: skip
    kind = st.radio("Scale", ["numeric", "ordinal"], horizontal=True)
    low, high = st.number_input("Min", value=0.0), st.number_input("Max", value=100.0)
    unit = st.text_input("Unit")
    levels = st.text_input("Levels in order (ordinal)", placeholder="open,consensus,barred")
    return lambda: edit.add(work, "issues", item | {"scale": edit.scale(kind, unit, low, high,
                                                                         levels)})  # fmt: skip


def _source(work: Dataset) -> Callable[[], Dataset]:
    item = {"id": st.text_input("Id"), "publisher": st.text_input("Publisher"),
            "title": st.text_input("Title"), "date": st.date_input("Date").isoformat(),
            "url": st.text_input("URL")}  # fmt: skip
    return lambda: edit.add(work, "sources", item)


ADD_FORMS = (
    AddForm("version", "Add a version", _version),
    AddForm("party", "Add a party", _party),
    AddForm("issue", "Add an issue", _issue),
    AddForm("source", "Add a source", _source),
)


def issue_form(work: Dataset, issue: str, folder: Path, loaded_hash: str) -> None:
    """The chosen issue's name, group, unit, bounds, direction and levels, edited and saved as
    every save is (checked first, written atomically, undoable)."""
    found = work.issue(issue)
    scale = found.scale
    with st.expander(f"Edit the issue: {found.name}"), st.form(f"issue-{issue}"):
        changes = {"name": st.text_input("Name", found.name),
                   "group": st.text_input("Group", found.group),
                   "unit": st.text_input("Unit", scale.unit),
                   "direction": st.radio("Direction", ["ascending", "descending"],
                                         index=int(scale.descending), horizontal=True)}  # fmt: skip
        if scale.is_numeric:
            low, high, tolerance = st.columns(3)
            changes |= {"min": low.number_input("Min", value=float(scale.min)),
                        "max": high.number_input("Max", value=float(scale.max)),
                        "tolerance": tolerance.number_input("Tolerance", value=scale.tolerance,
                                                            min_value=0.0)}  # fmt: skip
        else:
            changes["levels"] = st.text_area(
                "Levels in order, one id=label a line", edit.levels_text(work, issue),
                help="Reorder or relabel; an id that positions use must stay.",
            )  # fmt: skip
        if st.form_submit_button("Save the issue"):
            save(lambda: store.save(edit.update_issue(work, issue, changes), folder, loaded_hash),
                 folder)  # fmt: skip


def add_forms(work: Dataset, folder: Path, loaded_hash: str) -> None:
    """Every 'Add a …' form, each saving the working copy with its item added."""
    for form in ADD_FORMS:
        with st.expander(form.title), st.form(f"add-{form.kind}"):
            changed = form.changed(work)
            if st.form_submit_button(form.title):
                save(lambda changed=changed: store.save(changed(), folder, loaded_hash), folder)
