import streamlit as st

from negotiation import ui
from negotiation.data.checks import ids
from negotiation.documents import draft_files, texts

ds, sel = ui.current()
st.title("Texts")
written = ui.cached(texts.versions_with_texts, ds)
if not written:
    st.info(
        f"{ds.title} has no provisions.csv: the drafts' own words, clause by clause, are not in "
        "this dataset (see the README's data format, Provisions)."
    )
    st.stop()
st.caption(
    "Each text's own words, clause by clause in its order, with the issues each clause speaks to "
    "(open one on the Gaps page) and the source it was read from."
)
version = ui.url_selectbox(
    "Text", written, ui.Keys.text_version, sel.version if sel.version in written else written[-1],
    format_func=lambda v: f"{ds.version(v).name} ({ds.version(v).date:%d %b %Y})",
)  # fmt: skip
for row in ui.cached(texts.clauses, ds, version).itertuples():
    with st.container(border=True):
        st.markdown(f"**{row.provision}.** {row.text}")
        with st.container(horizontal=True):
            for issue in ids(row.issues):
                st.page_link(
                    "pages/gaps.py", label=ds.issue(issue).name, icon=":material/sell:",
                    query_params={ui.Keys.issue: issue, ui.Keys.version: version},
                )  # fmt: skip
        st.caption(f"Source: {row.source_names}" + (f" · {row.note}" if row.note else ""))
row = st.container(horizontal=True, gap="small")
for fmt, (label, mime) in draft_files.FORMATS.items():
    row.download_button(
        label, lambda fmt=fmt: draft_files.render(ds, version, fmt), mime=mime,
        file_name=f"{ds.id}-{version}.{fmt}", icon=":material/download:", on_click="ignore",
        key=f"{ui.Keys.download}_text_{fmt}",
    )  # fmt: skip

st.subheader("Find a word or phrase in every text")
phrase = st.text_input("Word or phrase", key=ui.Keys.text_search, placeholder="referendum")
if phrase.strip():
    found = texts.search(ds, phrase)
    st.caption(f"{len(found)} clause(s) hold '{phrase.strip()}'.")
    ui.grid(
        found.rename(columns={
            "version_name": "Text", "version_date": "Date", "provision": "Clause",
            "issue_names": "Issues", "excerpt": "Words",
        }).drop(columns="version"),
        key="text-search",
    )  # fmt: skip
