"""Tài khoản và nhật ký: accounts and the audit log, for administrators only."""

import streamlit as st

from dashboard import sheets
from dashboard.access import accounts, audit
from dashboard.dates import clock
from dashboard.reports import participation as part
from dashboard.reports import settings as campaign_settings
from dashboard.reports.rules import ACCESS_KINDS
from dashboard.views.access import download_button, user
from dashboard.views.common import engine, language, name_of, number, plain, t

_FLASH = "_accounts_flash"

if not user().is_admin:  # the page is not offered to others; this guards a stale link
    st.stop()

st.title(t("page_accounts"))
if flash := st.session_state.pop(_FLASH, None):
    st.success(plain(flash))  # it names an account: data, not Markdown

with engine().connect() as conn:
    users = accounts.list_users(conn)
    agency_list = part.agencies(conn)
agency_names = dict(zip(agency_list["agency_code"], agency_list["name"], strict=True))
role_name = name_of("role")


def _apply(change, message: str, form_keys: tuple[str, ...]) -> None:
    """Run an account change in a transaction; on refusal say why and keep what was
    typed; when done, empty the form's fields and rerun with a message."""
    try:
        with engine().begin() as conn:
            change(conn)
    except accounts.AccountError as problem:
        # A known refusal in the reader's language; otherwise the message, quoting what was typed.
        st.error(problem.text(language()) if problem.label else plain(problem))
        return
    for key in form_keys:
        st.session_state.pop(key, None)
    st.session_state[_FLASH] = message
    st.rerun()


st.subheader(t("accounts"))
st.dataframe(
    placeholder="",
    data=users.assign(
        role=users["role"].map(role_name),
        display_name=users["display_name"].fillna(""),
        agency_name=users["agency_name"].fillna(""),
        has_password=users["has_password"].map({True: "✔", False: ""}),
    ),
    column_order=["username", "display_name", "role", "agency_name", "has_password"],
    column_config={
        "username": t("username"),
        "display_name": t("display_name"),
        "role": t("role"),
        "agency_name": t("agencies"),
        "has_password": t("col_has_password"),
    },
    hide_index=True,
    width="stretch",
)

add_column, change_column = st.columns(2)
with add_column, st.form("add_account"):
    st.markdown(f"**{t('add_account')}**")
    username = st.text_input(t("username"), key="new_username")
    display_name = st.text_input(t("display_name"), key="new_display_name")
    role = st.selectbox(t("role"), accounts.ROLES, format_func=role_name, key="new_role")
    agency_code = st.selectbox(
        t("agency_of_user"),
        list(agency_names),
        format_func=agency_names.get,
        index=None,
        key="new_agency",
        placeholder="—",
    )
    password = st.text_input(t("password"), type="password", key="new_password")
    if st.form_submit_button(t("add_account"), type="primary"):
        _apply(
            lambda conn: accounts.add_user(
                conn,
                username,
                role,
                password,
                agency_code=agency_code if role == "agency" else None,
                display_name=display_name or None,
                actor=user().username,
            ),
            t("account_saved").format(user=username.strip().lower()),
            ("new_username", "new_display_name", "new_role", "new_agency", "new_password"),
        )

with change_column, st.container(border=True):
    st.markdown(f"**{t('change_account')}**")
    # Outside the form, so that choosing an account reruns and shows its own role
    # and agency: a form would keep the previous account's and save them.
    chosen = st.selectbox(t("username"), users["username"].tolist(), key="change_username")
    current = users.set_index("username").loc[chosen] if chosen else None
    codes = list(agency_names)
    form = st.form("change_account", border=False)
with form:
    new_role = st.selectbox(
        t("role"),
        accounts.ROLES,
        format_func=role_name,
        key=f"change_role_{chosen}",
        index=accounts.ROLES.index(current["role"]) if current is not None else 0,
    )
    new_agency = st.selectbox(
        t("agency_of_user"),
        codes,
        format_func=agency_names.get,
        key=f"change_agency_{chosen}",
        index=codes.index(current["agency_code"]) if current is not None and current["agency_code"] in codes else None,
        placeholder="—",
    )
    new_password = st.text_input(t("new_password"), type="password", key="change_password")
    save, remove = st.columns(2)
    if save.form_submit_button(t("save"), type="primary") and chosen:

        def _change(conn) -> None:
            agency_code = new_agency if new_role == "agency" else None
            if (new_role, agency_code) != (current["role"], current["agency_code"] or None):
                accounts.set_role(conn, chosen, new_role, agency_code=agency_code, actor=user().username)
            if new_password:
                accounts.set_password(conn, chosen, new_password, actor=user().username)

        _apply(_change, t("account_saved").format(user=chosen), ("change_password",))
    if remove.form_submit_button(t("remove_account")) and chosen:
        _apply(
            lambda conn: accounts.remove_user(conn, chosen, actor=user().username),
            t("account_removed").format(user=chosen),
            ("change_username", "change_password"),
        )

st.subheader(t("audit_log"))
st.caption(t("audit_note"))
left, right = st.columns(2)
who = left.selectbox(t("col_user"), users["username"].tolist(), index=None, placeholder=t("all"), key="audit_user")
action = right.selectbox(
    t("col_action"),
    audit.ACTIONS,
    index=None,
    placeholder=t("all"),
    format_func=name_of("audit_action"),
    key="audit_action",
)


def _setting_value(value) -> str:
    """A setting's value as the reader writes it: numbers their way, lines joined."""
    if value is None or value == "":
        return "–"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return number(value, 0 if float(value).is_integer() else 1)
    return " / ".join(str(value).splitlines())


def _threshold_name(code: str) -> str:
    """A threshold's key, a category (fixed, mobile) or a technology, in the reader's words."""
    return name_of("access" if code in ACCESS_KINDS else "technology")(code)


def _detail(action: str, detail: str) -> str:
    """An audit detail in the reader's words: a setting's change with its label and
    values ("Ngưỡng tốc độ tải xuống: 4G: 40 → 45,5"), an account's role named."""
    change = campaign_settings.setting_change(detail) if action == "setting_changed" else None
    if change is None:
        return accounts.readable_detail(audit.readable(detail, language()), role_name)
    name, before, after = change
    if isinstance(before, dict) and isinstance(after, dict):
        keys = [key for key in {**before, **after} if before.get(key) != after.get(key)]
        values = "; ".join(
            f"{_threshold_name(key)}: {_setting_value(before.get(key))} → {_setting_value(after.get(key))}"
            for key in keys
        )
        return f"{t('setting_' + name)}: {values}"
    return f"{t('setting_' + name)}: {_setting_value(before)} → {_setting_value(after)}"


with engine().connect() as conn:
    log = audit.events(conn, username=who, action=action, limit=1000)
# Stored in UTC; read in Vietnam time.
log["at"] = clock.local_times(log["at"])
shown = log.assign(
    action=log["action"].map(name_of("audit_action")),
    detail=[_detail(kind, detail) for kind, detail in zip(log["action"], log["detail"], strict=True)],
)
shown = shown.rename(
    columns={"at": t("col_at"), "username": t("col_user"), "action": t("col_action"), "detail": t("col_detail")}
)
st.dataframe(
    placeholder="",
    data=shown,
    hide_index=True,
    width="stretch",
    height=420,
    column_config={t("col_at"): st.column_config.DatetimeColumn(format="DD/MM/YYYY HH:mm:ss")},
)
at = t("col_at")  # named now: the file is built outside the page's run, where the language is not known
download_button(
    st,
    t("download_csv"),
    # To the second, as on the page (ISO order, which Excel reads in any locale).
    lambda: sheets.csv_bytes(shown.assign(**{at: shown[at].dt.floor("s")})),
    "nhat_ky.csv",
    "text/csv",
    key="audit_csv",
    what=("audit_log", {"rows": len(shown)}),
)
