"""What the database holds: counts and the latest imports."""

import pandas as pd
import streamlit as st

from dashboard.dates import clock
from dashboard.store import queries
from dashboard.views.cache import cached
from dashboard.views.common import all_numbers_shown, engine, number, t


@cached
def _status():
    with engine().connect() as conn:
        return queries.run(conn, "store_status").iloc[0].to_dict(), queries.run(conn, "recent_imports", limit_rows=20)


st.title(t("app_title"))
status, imports = _status()
# Stored in UTC; shown in local time, as Vietnamese users read dates.
imports["imported_at"] = clock.local_times(imports["imported_at"]).dt.strftime("%d/%m/%Y %H:%M")
imports["kind"] = imports["kind"].map(lambda kind: t("batch_" + kind))
if not status["measurements"]:
    st.info(t("no_data"))
cols = st.columns(4)
cols[0].metric(t("measurements"), number(status["measurements"]))
cols[1].metric(t("communes"), number(status["communes"]))
cols[2].metric(t("agencies"), number(status["agencies"]))
cols[3].metric(t("staff"), number(status["staff"]))
if status["measurements"]:
    first_day, last_day = (pd.Timestamp(status[key]).strftime("%d/%m/%Y") for key in ("first_day", "last_day"))
    st.caption(f"{t('period_covered')}: {first_day} – {last_day}")
st.subheader(t("imports"))
st.dataframe(
    placeholder="",
    data=all_numbers_shown(
        imports.rename(
            columns={
                "imported_at": t("col_imported_at"),
                "kind": t("col_kind"),
                "file_name": t("col_file"),
                "rows_read": t("col_rows_read"),
                "rows_imported": t("col_rows_imported"),
            }
        )
    ),
    hide_index=True,
    width="stretch",
)
