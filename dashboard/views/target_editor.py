"""The per-commune targets editor, drawn inside the coverage page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.access import audit
from dashboard.reports import targets
from dashboard.reports.rules import CURRENT_EDITION
from dashboard.store import queries
from dashboard.views.access import user
from dashboard.views.common import all_numbers_shown, engine, number, plain, t

_PROPOSAL = "target_proposal"  # a sheet proposed by population, not yet saved
_VERSION = "target_editor_version"  # bumped to reset the editor after a change
_FLASH = "target_flash"  # what the last save did, shown after the rerun


def _stored_sheet(default_floor: int) -> pd.DataFrame:
    with engine().connect() as conn:
        units = queries.run(conn, "commune_units", edition_id=CURRENT_EDITION)
        return targets.target_sheet(units, targets.stored_targets(conn), default_floor)


def _labels() -> dict:
    """The sheet's column headings in the reader's language."""
    return {
        "commune_code": t("col_commune_code"),
        "name": t("col_commune"),
        "population": t("col_population"),
        "fixed": t("col_fixed_target"),
        "mobile": t("col_mobile_target"),
    }


def _reset_editor() -> None:
    st.session_state[_VERSION] = st.session_state.get(_VERSION, 0) + 1


def draw(default_floor: int, on_saved) -> None:
    """An editable sheet of monthly targets per commune and category, with a
    proposal by population; saving replaces the stored targets and calls ``on_saved``.
    Only administrators edit; others see the stored targets."""
    st.caption(t("targets_note").format(floor=default_floor))
    if not user().is_admin:
        st.info(t("targets_admin_only"))
        st.dataframe(
            placeholder="",
            data=all_numbers_shown(_stored_sheet(default_floor)),
            hide_index=True,
            width="stretch",
            height=320,
            column_config=_labels(),
        )
        return
    if flash := st.session_state.pop(_FLASH, None):
        st.success(flash)
    sheet = st.session_state.get(_PROPOSAL)
    if sheet is None:
        sheet = _stored_sheet(default_floor)
    left, middle, right = st.columns([2, 1, 1], vertical_alignment="bottom")
    per_1000 = left.number_input(t("per_1000_month"), 1, 1000, 20, step=5, key="target_per_1000")
    if middle.button(t("propose_by_population"), key="target_propose"):
        proposed = sheet.copy()
        for access in ("fixed", "mobile"):
            proposed[access] = targets.by_population(proposed["population"], per_1000, default_floor)
        st.session_state[_PROPOSAL] = proposed
        _reset_editor()
        st.rerun()
    if right.button(t("targets_reset"), key="target_reset"):
        with engine().begin() as conn:
            targets.clear_targets(conn)
            audit.record(conn, user().username, "targets_saved", audit.described("targets_cleared"))
        st.session_state.pop(_PROPOSAL, None)
        _reset_editor()
        on_saved()
        st.session_state[_FLASH] = t("targets_cleared").format(floor=default_floor)
        st.rerun()

    with st.form("target_form", border=False):
        limits = {"min_value": targets.TARGET_RANGE[0], "max_value": targets.TARGET_RANGE[1], "step": 1}
        edited = st.data_editor(
            # The population is read, not edited: written as the reader writes numbers
            # (an editor's number column would follow the browser's own locale).
            sheet.assign(population=sheet["population"].map(number)),
            hide_index=True,
            width="stretch",
            height=320,
            disabled=["commune_code", "name", "population"],
            key=f"target_editor_{st.session_state.get(_VERSION, 0)}",
            column_config=_labels()
            | {
                "fixed": st.column_config.NumberColumn(t("col_fixed_target"), **limits),
                "mobile": st.column_config.NumberColumn(t("col_mobile_target"), **limits),
            },
        )
        if st.form_submit_button(t("targets_save"), type="primary"):
            try:
                with engine().begin() as conn:
                    stored = targets.save_targets(
                        conn, targets.sheet_rows(edited), default_floor, updated_by=user().username
                    )
                    audit.record(conn, user().username, "targets_saved", audit.described("targets_saved", count=stored))
            except targets.TargetError as problem:
                st.error(f"{t('targets_not_saved')}: {plain(problem)}")  # it may quote edited cells
                return
            st.session_state.pop(_PROPOSAL, None)
            _reset_editor()
            on_saved()
            st.session_state[_FLASH] = t("targets_saved").format(count=stored)
            st.rerun()
    if st.session_state.get(_PROPOSAL) is not None:
        st.info(t("proposal_unsaved"))
