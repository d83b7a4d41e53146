"""Nhập dữ liệu: imports through the web page, for administrators only, with the
command line's checks (one transaction per file, rejects set aside)."""

import datetime as dt

import streamlit as st

from dashboard.campaign import uploads
from dashboard.views.access import user
from dashboard.views.common import data_span, engine, number, t

_RESULTS = "_import_results"  # what the last imports did, shown after the rerun

if not user().is_admin:  # the page is not offered to others; this guards a stale link
    st.stop()

st.title(t("import_title"))
st.caption(t("import_note").format(mb=uploads.MAX_UPLOAD_MB))


def _show(results: list[uploads.UploadResult]) -> None:
    for position, result in enumerate(results):
        if result.ok:
            st.success(t("import_done").format(file=result.file_name))
            for column, (key, value) in zip(st.columns(len(result.figures)), result.figures.items(), strict=True):
                column.metric(t(key), number(value))
            with st.expander(t("import_details")):
                st.code("\n".join(result.lines), language=None)
        else:
            st.error(t("import_failed").format(file=result.file_name, reason=result.error))
        if result.rejects:
            st.download_button(t("download_rejects"), result.rejects, f"loai_{result.file_name}.csv", "text/csv",
                               key=f"rejects_{position}", on_click="ignore")  # fmt: skip


def _finish(results: list[uploads.UploadResult]) -> None:
    # New data: every cached figure is stale, and the sidebar's periods may change.
    st.cache_data.clear()
    data_span.clear()
    st.session_state[_RESULTS] = results
    st.rerun()


if results := st.session_state.pop(_RESULTS, None):
    _show(results)

measurements_tab, roster_tab = st.tabs([t("import_measurements"), t("import_roster")])
with measurements_tab, st.form("upload_measurements", clear_on_submit=True):
    files = st.file_uploader(t("import_measurements"), type=["csv", "txt", "tsv", "xlsx"], accept_multiple_files=True,
                             max_upload_size=uploads.MAX_UPLOAD_MB, key="upload_measurements_files")  # fmt: skip
    if st.form_submit_button(t("import_run"), type="primary") and files:
        done = []
        with st.spinner(t("import_run") + "…"):
            for upload in files:
                done.append(uploads.import_measurement_upload(engine(), upload.name, upload.getvalue(),
                                                              user().username))  # fmt: skip
        _finish(done)

with roster_tab, st.form("upload_roster", clear_on_submit=True):
    files = st.file_uploader(t("import_roster"), type=["csv", "txt", "tsv", "xlsx"], accept_multiple_files=True,
                             max_upload_size=uploads.MAX_UPLOAD_MB, key="upload_roster_files")  # fmt: skip
    as_of = st.date_input(t("import_as_of"), dt.date.today(), format="DD/MM/YYYY", key="upload_roster_as_of")
    if st.form_submit_button(t("import_run"), type="primary") and files:
        with st.spinner(t("import_run") + "…"):
            result = uploads.import_roster_upload(engine(), [(f.name, f.getvalue()) for f in files],
                                                  user().username, as_of)  # fmt: skip
        _finish([result])
