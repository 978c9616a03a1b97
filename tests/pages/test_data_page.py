"""The Data page through AppTest: upload, preview and report; read-only by default; edits
through the editor's session state saved safely; imported decide files on every page."""

import dataclasses
from pathlib import Path

import pytest
from apptest import CHARTLESS, PAGES, charts, open_page
from factory import ROWS, csv_text

from negotiation.data import importers, store
from negotiation.data.load import load_dataset

DECIDE = Path(__file__).resolve().parents[1] / "data" / "decide"


@pytest.fixture
def editable(tiny_app, monkeypatch):
    monkeypatch.setenv("NEGOTIATION_EDITABLE", "1")
    return tiny_app


def button(at, label: str):
    return next(b for b in at.button if b.label == label)


def upload(at, name: str, data: bytes, dataset: str = "upload"):
    at.text_input(key="data_name").set_value(dataset)
    at.file_uploader(key="data_uploads").set_value((name, data, "text/plain"))
    return at.run()


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def test_read_only_by_default(tiny_app):
    at = open_page("data")
    assert not at.exception
    assert any("Editing is off (read-only)" in t for t in texts(at.info))
    assert not at.data_editor
    assert at.get("download_button")


def test_upload_shows_a_preview_without_writing(tiny_app):
    at = upload(open_page("data"), "copenhagen.csv", (DECIDE / "copenhagen.csv").read_bytes())
    assert not at.exception
    assert texts(at.success) == ["Valid: 11 parties, 7 issues, 1 versions, 75 positions."]
    preview = at.dataframe[0].value
    assert len(preview) == 75
    assert set(preview["version"]) == {"imported"}
    assert any("Saving is off on this server" in t for t in texts(at.info))
    assert sorted(p.name for p in tiny_app.iterdir()) == ["tiny"]


def test_upload_of_bad_input_lists_every_problem(tiny_app):
    bad = b"version,party,issue,value\nv1,A b,tax,1\nv1,a,tax,1,2\n"
    at = upload(open_page("data"), "bad.csv", bad)
    assert texts(at.error) == ["1 problem(s) found; nothing was written."]
    report = at.table[0].value
    assert report.to_dict("records") == [
        {
            "file": "bad.csv",
            "row": 3,
            "column": "",
            "problem": "has 5 fields where the header has 4",
        }
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../escape", "'../escape' is not a dataset name"),
        ("tiny", None),  # valid as a name; refused on save as it exists
    ],
)
def test_dataset_name_is_checked(tiny_app, name, expected):
    at = upload(open_page("data"), "c.csv", (DECIDE / "copenhagen.csv").read_bytes(), name)
    problems = list(at.table[0].value["problem"]) if at.error else []
    assert (expected in problems[0]) if expected else problems == []


def test_html_in_names_is_shown_as_text(tiny_app):
    text = (
        "version,version_date,party,issue,value,party_name\n"
        "v1,2025-01-01,a,tax,1,<script>alert(1)</script> **bold**\n"
    )
    at = upload(open_page("data"), "x.csv", text.encode())
    assert at.dataframe[0].value["party_name"].tolist() == ["<script>alert(1)</script> **bold**"]
    assert not [m for m in at.markdown if "<script>" in m.value]


def test_save_an_upload_then_see_it_on_the_matrix(editable):
    at = upload(open_page("data"), "cop21.csv", (DECIDE / "cop21.csv").read_bytes(), "cop21")
    button(at, "Save as dataset 'cop21'").click().run()
    assert not at.exception
    assert texts(at.success)[-1] == (
        "Saved the new dataset 'cop21'. Pick it in the sidebar's Dataset list."
    )
    assert len(load_dataset(editable / "cop21").parties) == 15
    matrix = open_page("matrix", {"dataset": "cop21"})
    assert set(charts(matrix)[0]["frame"]["party"]) >= {"usa", "china", "eu28"}


def test_saving_a_new_dataset_changes_no_other_and_offers_no_undo(editable):
    folder = editable / "tiny"
    before = store.read_files(folder)
    at = open_page("data")
    edit_and_save(at, editor_key(folder), {1: {"value": 700}})  # an earlier save to tiny
    after_edit = store.read_files(folder)
    upload(at, "cop21.csv", (DECIDE / "cop21.csv").read_bytes(), "cop21")
    button(at, "Save as dataset 'cop21'").click().run()
    assert not at.exception
    assert store.read_files(folder) == after_edit != before
    assert len(store.history_entries(folder)) == 1  # only the edit's
    assert store.history_entries(editable / "cop21") == []
    assert not [b for b in at.button if b.label.startswith("Undo")]  # nothing to undo


def test_an_empty_dataset_name_is_asked_for_plainly(editable):
    at = upload(open_page("data"), "c.csv", (DECIDE / "copenhagen.csv").read_bytes(), "")
    assert not at.error
    assert "Give the dataset a name above to save it (letters, digits and hyphens)." in texts(
        at.info
    )
    assert not [b for b in at.button if b.label.startswith("Save as dataset")]


def editor_key(folder: Path, version: str = "v2", issue: str = "cap") -> str:
    return f"data_editor-tiny-{version}-{issue}-{store.read(folder)[1][:12]}"


def edit_and_save(at, key: str, edits: dict) -> None:
    at.session_state[key] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    at.run()
    button(at, "Save positions").click().run()


def test_editor_edit_is_saved_with_history(editable):
    folder = editable / "tiny"
    at = open_page("data")
    assert at.data_editor[0].value["party"].tolist() == ["draft", "a", "b", "c"]
    edit_and_save(at, editor_key(folder), {1: {"value": 700}})  # Alpha's cap at v2: 600 -> 700
    assert not at.exception
    cell = load_dataset(folder).positions.set_index(["version", "party", "issue"])
    assert cell.loc[("v2", "a", "cap"), "value"] == "700"
    assert len(store.history_entries(folder)) == 1


def test_invalid_edit_is_refused_and_kept_on_screen(editable):
    folder = editable / "tiny"
    before = store.read_files(folder)
    at = open_page("data")
    key = editor_key(folder)
    edit_and_save(at, key, {1: {"stance": "", "sources": "nope"}})
    assert texts(at.error) == ["2 problem(s) found; nothing was written."]
    problems = at.table[-1].value["problem"].tolist()
    assert problems == ["unknown source id(s): nope", "'' is empty but required"]
    assert store.read_files(folder) == before
    assert at.session_state[key]["edited_rows"] == {1: {"stance": "", "sources": "nope"}}


def test_stale_save_is_refused(editable):
    folder = editable / "tiny"
    at = open_page("data")
    key = editor_key(folder)
    theirs = load_dataset(folder)
    store.save(dataclasses.replace(theirs, title="Their edit"), folder)
    edit_and_save(at, key, {1: {"value": 700}})
    assert any("was changed by someone else" in t for t in texts(at.error))
    assert load_dataset(folder).title == "Their edit"


def test_undo_restores_the_previous_content(editable):
    folder = editable / "tiny"
    original = store.read_files(folder)
    at = open_page("data")
    assert not [b for b in at.button if b.label.startswith("Undo")]  # nothing saved yet
    edit_and_save(at, editor_key(folder), {1: {"value": 700}})
    assert store.read_files(folder) != original
    button(at, "Undo the last save to tiny").click().run()
    assert store.read_files(folder) == original
    assert "Undone: 'tiny' is back as it was before that save." in texts(at.success)
    at.run()
    assert not [b for b in at.button if b.label.startswith("Undo")]  # undone: nothing left


def test_add_version_copied_from_another(editable):
    folder = editable / "tiny"
    at = open_page("data")
    form = next(e for e in at.expander if e.label == "Add a version")
    inputs = {t.label: t for t in form.text_input}
    inputs["Id"].set_value("v3")
    inputs["Name"].set_value("Third draft")
    form.selectbox[1].set_value("v2")
    form.button[0].click().run()
    assert not at.exception, at.exception
    ds = load_dataset(folder)
    assert ds.version_ids[-1] == "v3"
    assert len(ds.positions[ds.positions["version"] == "v3"]) == len(ROWS) // 2


def issue_form(at, name: str):
    return next(e for e in at.expander if e.label == f"Edit the issue: {name}")


def test_an_issues_name_unit_and_bounds_are_edited_saved_and_undone(editable):
    folder = editable / "tiny"
    original = store.read_files(folder)
    at = open_page("data")
    form = issue_form(at, "Army cap")
    inputs = {t.label: t for t in form.text_input}
    inputs["Name"].set_value("Army ceiling")
    inputs["Unit"].set_value("thousand troops")
    {n.label: n for n in form.number_input}["Max"].set_value(1200.0)
    form.button[0].click().run()
    assert not at.exception, at.exception
    issue = load_dataset(folder).issue("cap")
    assert (issue.name, issue.scale.unit, issue.scale.max) == (
        "Army ceiling", "thousand troops", 1200.0
    )  # fmt: skip
    assert len(store.history_entries(folder)) == 1
    at.run()  # the undo button stands above the form: it shows from the next run on
    button(at, "Undo the last save to tiny").click().run()
    assert store.read_files(folder) == original


def test_an_ordinal_issues_levels_are_relabelled_and_a_used_one_cannot_go(editable):
    folder = editable / "tiny"
    before = store.read_files(folder)
    at = open_page("data")
    at.selectbox(key="data_issue").set_value("nato").run()
    form = issue_form(at, "NATO membership")
    assert form.text_area[0].value == "open=Open path\nconsensus=By consensus\nbarred=Barred"
    form.text_area[0].set_value("barred=Ruled out\nopen=Open path")  # consensus is in use
    form.button[0].click().run()
    assert any("problem(s) found; nothing was written" in t for t in texts(at.error))
    assert store.read_files(folder) == before
    at = open_page("data")
    at.selectbox(key="data_issue").set_value("nato").run()
    form = issue_form(at, "NATO membership")
    form.text_area[0].set_value("barred=Ruled out\nconsensus=By consensus\nopen=Open path")
    form.button[0].click().run()
    scale = load_dataset(folder).issue("nato").scale
    assert [(lv.id, lv.label) for lv in scale.levels] == [
        ("barred", "Ruled out"), ("consensus", "By consensus"), ("open", "Open path")
    ]  # fmt: skip


@pytest.fixture
def decide_app(tmp_path, monkeypatch):
    """The app's data folder holds the three decide files, imported."""
    for file in ("copenhagen.csv", "cop21.csv", "sample_data.txt"):
        name = Path(file).stem.replace("_", "-")
        ds = importers.import_files({file: (DECIDE / file).read_bytes()}, name)
        store.save(ds, tmp_path / name)
    monkeypatch.setenv("NEGOTIATION_DATA_DIR", str(tmp_path))
    return tmp_path


@pytest.mark.parametrize("page", PAGES)
def test_decide_files_show_on_every_page(decide_app, page):
    at = open_page(page)
    for name in ("copenhagen", "cop21", "sample-data"):
        at.selectbox(key="dataset").set_value(name).run()
        # the sidebar keeps the parties chosen for the previous dataset: choose this one's
        at.multiselect(key="parties").set_value(load_dataset(decide_app / name).party_ids).run()
        assert not at.exception, (name, [e.value for e in at.exception])
        assert not at.error, (name, [e.value for e in at.error])
        assert page in CHARTLESS or charts(at), (name, "no chart")


def test_csv_text_fixture_is_the_factory():  # keeps the factory the one source of rows
    assert csv_text(ROWS).count("\n") == len(ROWS) + 1
