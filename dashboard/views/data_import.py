"""Nhập dữ liệu: imports through the web page, for administrators only, with the
command line's checks (one transaction per file, rejects set aside).

Every import is previewed first: the files are run through the import and rolled
back, the page shows what would change, which rows would be set aside and why,
and what would be lost; nothing is written until "Nhập" is pressed.
"""

import io
from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import i18n
from dashboard.access import accounts
from dashboard.dates import clock
from dashboard.ingest import uploads
from dashboard.views.access import signed_in_as, user
from dashboard.views.common import data_span, engine, language, number, plain, t

_RESULTS = "_import_results"  # what the last imports did, shown after the rerun
_PENDING = "_import_pending"  # the files previewed, their options and their previews
_SIGNED_IN_NOTE = "_import_new_admin"  # the first administrator the import created, said once
_TAB = "_import_tab"  # the kind of file last previewed: its tab opens again
_SHOWN_REJECTS = 200  # rejected rows listed on the page; the download has them all
_ROW_PX = 35
_METRICS_PER_ROW = 4

if not user().is_admin:  # the page is not offered to others; this guards a stale link
    st.stop()

st.title(t("import_title"))
st.caption(t("import_note").format(mb=uploads.MAX_UPLOAD_MB))
# Streamlit writes its file picker in English ("Upload", "200MB per file"): the
# button is relabelled in the reader's language, and the note above gives the limit.
st.html(
    "<style>"
    '[data-testid="stFileUploaderDropzoneInstructions"] {display: none}'
    '[data-testid="stFileUploaderDropzone"] button > * {display: none}'
    f'[data-testid="stFileUploaderDropzone"] button::after {{content: "{t("choose_files")}"; font-size: 0.9rem}}'
    "</style>"
)


def _run(pending: dict, *, dry_run: bool, first_admin: accounts.FirstAdmin | None = None) -> list[uploads.UploadResult]:
    """Preview or import the pending files, as the signed-in administrator (and with
    the first real administrator, when the import replaces the demo's accounts)."""
    name, options = user().username, pending["options"]
    waiting = st.empty()

    def on_wait() -> None:  # another import holds the database: say so while this one waits
        waiting.info(t("import_waiting"))

    if pending["kind"] == "roster":
        done = [
            uploads.import_roster_upload(
                engine(),
                pending["files"],
                name,
                dry_run=dry_run,
                confirmed=not dry_run,
                on_wait=on_wait,
                first_admin=first_admin,
                language=language(),
                **options,
            )
        ]
    else:
        done = [
            uploads.import_measurement_upload(
                engine(),
                file_name,
                data,
                name,
                dry_run=dry_run,
                confirmed=not dry_run,
                on_wait=on_wait,
                first_admin=first_admin,
                language=language(),
            )
            for file_name, data in pending["files"]
        ]
    waiting.empty()
    return done


def _rejects(result: uploads.UploadResult, position: int, preview: bool) -> None:
    if not result.rejects:
        return
    if preview:
        with st.expander(t("import_rejected_rows").format(n=number(result.rejected_rows))):
            # The file names its columns in the reader's language already.
            rows = pd.read_csv(
                io.BytesIO(result.rejects), dtype=str, encoding="utf-8-sig", nrows=_SHOWN_REJECTS, keep_default_na=False
            )
            st.dataframe(placeholder="", data=rows, hide_index=True)
    st.download_button(
        t("download_rejects"),
        result.rejects,
        f"loai_{Path(result.file_name).stem}.csv",  # rejected rows of danh_sach.xlsx: loai_danh_sach.csv
        "text/csv",
        key=f"rejects_{'preview' if preview else 'done'}_{position}",
        on_click="ignore",
    )


def _figures(result: uploads.UploadResult, preview: bool = False) -> None:
    figures = list(result.figures.items())
    for start in range(0, len(figures), _METRICS_PER_ROW):  # rows of a few, so that labels are not cut
        row = figures[start : start + _METRICS_PER_ROW]
        for column, (key, value) in zip(st.columns(_METRICS_PER_ROW), row, strict=False):
            # A preview says what would happen: "Sẽ nhập", not "Đã nhập".
            name = f"{key}_preview" if preview and f"{key}_preview" in i18n.LABELS else key
            column.metric(t(name), number(value))
    with st.expander(t("import_details")):
        # Every line shown, without a scroll bar: a row and the header are 35 pixels each.
        height = _ROW_PX * (len(result.details) + 1) + 3
        st.dataframe(placeholder="", data=result.details, hide_index=True, height=height)


def _refusal(result: uploads.UploadResult, key: str) -> str:
    """Why a file was not imported, under the label ``key``; a reason that begins
    with the file's name (most do) is not preceded by the name again."""
    # File names and reasons quoting cells are data: shown as typed, not as Markdown.
    if result.error_names_file:
        return t(key + "_named").format(reason=plain(result.error))
    return t(key).format(file=plain(result.file_name), reason=plain(result.error))


def _show_results(results: list[uploads.UploadResult]) -> None:
    for position, result in enumerate(results):
        if result.ok and result.applied:
            st.success(t("import_done").format(file=plain(result.file_name)))
            _figures(result)
        elif result.ok:  # the data changed after the preview and the import now loses something
            st.warning(t("import_not_applied").format(file=plain(result.file_name)))
        else:
            st.error(_refusal(result, "import_failed"))
        _rejects(result, position, preview=False)


def _show_preview(previews: list[uploads.UploadResult]) -> None:
    st.info(t("import_preview_title") + (" " + t("import_preview_each") if len(previews) > 1 else ""))
    for position, result in enumerate(previews):
        if not result.ok:
            st.error(_refusal(result, "import_cannot"))
            _rejects(result, position, preview=True)
            continue
        st.subheader(t("import_preview_of").format(file=plain(result.file_name)))
        if not result.stores_anything:
            st.info(t("import_nothing_new"))
        if result.losses:
            st.warning("\n".join([t("import_losses"), *(f"- {t('loss_' + loss)}" for loss in result.losses)]))
        _figures(result, preview=True)
        if result.losses_in_detail:
            with st.expander(t("import_loss_details")):
                details = pd.DataFrame(result.losses_in_detail)
                details["change"] = details["change"].map(lambda c: t("change_" + c))
                st.dataframe(
                    placeholder="", data=details.rename(columns=lambda c: t("import_col_" + c)), hide_index=True
                )
        _rejects(result, position, preview=True)


def _finish(results: list[uploads.UploadResult]) -> None:
    # New data: every cached figure is stale, and the sidebar's periods may change.
    st.cache_data.clear()
    data_span.clear()
    st.session_state.pop(_PENDING, None)
    st.session_state[_RESULTS] = results
    st.rerun()


def _preview(kind: str, files, options: dict) -> None:
    if not files:
        st.warning(t("import_no_file"))
        return
    st.session_state[_TAB] = kind  # back on this tab after the import or a cancel
    pending = {"kind": kind, "files": [(f.name, f.getvalue()) for f in files], "options": options}
    with st.spinner(t("import_preview") + "…"):
        pending["previews"] = _run(pending, dry_run=True)
    st.session_state[_PENDING] = pending
    st.rerun()


if new_admin := st.session_state.pop(_SIGNED_IN_NOTE, None):
    st.success(t("first_admin_signed_in").format(user=plain(new_admin)))
if results := st.session_state.pop(_RESULTS, None):
    _show_results(results)


def _first_admin_form() -> None:
    """The demo's accounts go with the demo: whoever imports with one of them names
    the real administrator account the import creates (see accounts.FirstAdmin)."""
    st.subheader(t("first_admin_title"))
    st.info(t("first_admin_note"))
    name, password, again = st.columns(3)
    name.text_input(t("first_admin_name"), key="first_admin_name")
    password.text_input(
        t("first_admin_password").format(n=accounts.MIN_PASSWORD_LENGTH), type="password", key="first_admin_password"
    )
    again.text_input(t("first_admin_again"), type="password", key="first_admin_again")


def _first_admin() -> accounts.FirstAdmin | None:
    """The first administrator typed in the form, checked; None (with the reason shown) if unusable."""
    typed = accounts.FirstAdmin(
        st.session_state.get("first_admin_name", ""), st.session_state.get("first_admin_password", "")
    )
    if typed.password != st.session_state.get("first_admin_again", ""):
        st.error(t("first_admin_mismatch"))
        return None
    try:
        with engine().connect() as conn:
            return typed.checked(conn)
    except accounts.AccountError as problem:
        st.error(problem.text(language()) if problem.label else plain(problem))
        return None


if pending := st.session_state.get(_PENDING):
    _show_preview(pending["previews"])
    # The import removes the demo's accounts, the reader's own among them.
    needs_admin = user().is_demo and any("demo_replaced" in result.losses for result in pending["previews"])
    if needs_admin:
        _first_admin_form()
    confirm, cancel, _ = st.columns([1, 1, 6])
    can_import = any(result.ok and result.stores_anything for result in pending["previews"])
    if confirm.button(t("import_confirm"), type="primary", disabled=not can_import, key="import_confirm"):
        first_admin = _first_admin() if needs_admin else None
        if first_admin is not None or not needs_admin:
            with st.spinner(t("import_run") + "…"):
                done = _run(pending, dry_run=False, first_admin=first_admin)
            if first_admin is not None and any(result.applied for result in done):
                signed_in_as(first_admin.username)
                st.session_state[_SIGNED_IN_NOTE] = first_admin.username
            _finish(done)
    if cancel.button(t("import_cancel"), key="import_cancel"):
        st.session_state.pop(_PENDING, None)
        st.toast(t("import_cancelled"))
        st.rerun()
else:
    tab_labels = {"measurements": t("import_measurements"), "roster": t("import_roster")}
    measurements_tab, roster_tab = st.tabs(
        list(tab_labels.values()), default=tab_labels[st.session_state.get(_TAB, "measurements")]
    )
    with measurements_tab, st.form("upload_measurements", clear_on_submit=True):
        files = st.file_uploader(
            t("import_measurements"),
            type=["csv", "txt", "tsv", "xlsx"],
            accept_multiple_files=True,
            max_upload_size=uploads.MAX_UPLOAD_MB,
            key="upload_measurements_files",
        )
        if st.form_submit_button(t("import_preview"), type="primary"):
            _preview("measurements", files, {})

    with roster_tab, st.form("upload_roster", clear_on_submit=True):
        files = st.file_uploader(
            t("import_roster"),
            type=["csv", "txt", "tsv", "xlsx"],
            accept_multiple_files=True,
            max_upload_size=uploads.MAX_UPLOAD_MB,
            key="upload_roster_files",
        )
        as_of = st.date_input(t("import_as_of"), clock.today(), format="DD/MM/YYYY", key="upload_roster_as_of")
        complete = st.checkbox(t("import_complete"), key="upload_roster_complete")
        clear_empty = st.checkbox(t("import_clear_empty"), key="upload_roster_clear_empty")
        if st.form_submit_button(t("import_preview"), type="primary"):
            _preview("roster", files, {"as_of": as_of, "complete": complete, "clear_empty": clear_empty})
