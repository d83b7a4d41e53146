"""Who is reading: the sign-in form, the signed-in user and their scope, sign-out,
and the audit of downloads. Every page is drawn for a signed-in user only.

Local accounts (user name and password) are the default. Where the department has
an OpenID Connect provider configured in ``.streamlit/secrets.toml`` (``[auth]``),
a second button signs in through it (``st.login``); the person's e-mail must be
the user name of an account, which gives the role.
"""

from __future__ import annotations

import logging

import streamlit as st
from sqlalchemy.exc import StatementError

from dashboard.access import accounts, audit, sign_in
from dashboard.access.accounts import Scope, User
from dashboard.ingest.demo_data import DEMO_ACCOUNTS
from dashboard.views.common import data_span, engine, name_of, plain, t

_USERNAME = "_signed_in"  # session key: the user name signed in with a password
_SSO_LOGGED = "_sso_sign_in_logged"  # session key: the provider's sign-in is in the audit log

logger = logging.getLogger(__name__)


def signed_in() -> User | None:
    """The signed-in user, read again from the database on every run (so that a
    changed role or a removed account takes effect at once), or None."""
    found = _current_user()
    if found is not None:
        st.session_state["_user"] = found
    return found


def sign_in_page() -> None:
    """The sign-in form, and what a newcomer needs to know to get an account."""
    _sign_in_form()


def user_sidebar(signed_in_user: User) -> None:
    """Who is signed in, with the sign-out button, in the sidebar."""
    _sidebar(signed_in_user)


def user() -> User:
    """The user this page is drawn for (set by :func:`signed_in` in app.py)."""
    return st.session_state["_user"]


def scope() -> Scope:
    """The people the signed-in user may see."""
    return user().scope


def download_button(
    container,
    label: str,
    build,
    file_name: str,
    mime: str,
    *,
    key: str,
    what: tuple[str, dict],
    disabled: bool = False,
    personal: bool = False,
) -> None:
    """A download button whose file is built on the click, and written to the audit
    log when it is built (as a download of personal data when ``personal``: names
    with phones or e-mails in full). ``what`` is the detail's label key and values
    (audit.described); the file's kind (CSV, XLSX…) is added as ``file``.

    The click does not rerun the page: Streamlit fetches the file on its own
    request, so a heavy page is not drawn again for a download. It also avoids a
    race in Streamlit 1.67: a rerun that starts just as the file is ready clears
    the queue of messages to the browser, the file's answer with them, and the
    button spins for ever. The file request runs outside the page's script, so
    who is downloading and the database are taken now.
    """
    username, database = user().username, engine()
    key_of_detail, values = what
    detail = audit.described(key_of_detail, **values, file=file_name.rsplit(".", 1)[-1].upper())

    def build_and_record():
        content = build()
        with database.begin() as conn:
            audit.record(conn, username, "personal_data_download" if personal else "download", detail)
        return content

    # A CSV is read by Excel with the computer's number settings: the help says which file suits Excel.
    help = t("csv_help") if mime == "text/csv" else None
    container.download_button(
        label, build_and_record, file_name, mime, key=key, on_click="ignore", disabled=disabled, help=help
    )


def _current_user() -> User | None:
    username = st.session_state.get(_USERNAME)
    if username:
        with engine().connect() as conn:
            found = accounts.get_user(conn, username)  # read again: a role may have changed
        if found is None:
            st.session_state.pop(_USERNAME, None)
        return found
    if _sso_configured() and _provider_signed_in():
        with engine().connect() as conn:
            found = accounts.user_for_email(conn, st.user.get("email"))
        if found is not None and not st.session_state.get(_SSO_LOGGED):
            with engine().begin() as conn:
                audit.record(conn, found.username, "sign_in", "OpenID Connect")
            st.session_state[_SSO_LOGGED] = True
        return found
    return None


def _sso_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: local accounts only
        return False


def _provider_signed_in() -> bool:
    # st.user is a mapping; without a provider's cookie it has no is_logged_in key.
    return bool(st.user.get("is_logged_in", False))


def _sign_in_form() -> None:
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title(t("sign_in_title"))
        st.caption(t("sign_in_intro"))
        with st.form("sign_in"):
            username = st.text_input(t("username"), key="sign_in_username", autocomplete="username")
            # No key: the password is not kept in the session's state.
            password = st.text_input(t("password"), type="password", autocomplete="current-password")
            submitted = st.form_submit_button(t("sign_in"), type="primary")
        if submitted:
            _check(username, password)
        if _sso_configured():
            if _provider_signed_in():  # signed in at the provider, but no account here
                st.error(t("sso_unknown").format(email=plain(st.user.get("email"))))
                st.button(t("sign_out"), on_click=st.logout)
            else:
                st.button(t("sign_in_sso"), on_click=st.login, icon=":material/login:")
        _help_for_newcomers()


def signed_in_as(username: str) -> None:
    """Keep this session signed in as ``username``: an account this session's user
    just created for themselves, with the password they typed (the first real
    administrator, created by the import that removed the demo account they used)."""
    st.session_state[_USERNAME] = username


def _check(username: str, password: str) -> None:
    try:
        result = sign_in.sign_in(engine(), username, password)
    except Exception as error:
        # A traceback would show a visitor the SQL's parameters, which can tell whether
        # the password was right; the server's log gets the details, without them
        # (the user name typed may be a password).
        if isinstance(error, StatementError):
            error.hide_parameters = True
        logger.exception("sign-in failed on an unexpected error")
        st.error(t("server_busy"))
        return
    if result.user is not None:
        st.session_state[_USERNAME] = result.user.username
        st.rerun()
    if result.problem == "agency_gone":
        st.error(t("agency_gone"))
    elif result.problem == "throttled":
        st.error(t("throttled").format(seconds=result.wait_seconds))
    else:
        st.error(t("wrong_password"))
        if result.wait_seconds:
            st.warning(t("throttled").format(seconds=result.wait_seconds))


def _help_for_newcomers() -> None:
    with engine().connect() as conn:
        users = accounts.list_users(conn)
    if users.empty:
        st.info(t("no_account_yet"))
    elif data_span().is_demo and users["is_demo"].any():
        demo = [name for name, _, _ in DEMO_ACCOUNTS if name in set(users["username"])]
        st.info(t("demo_accounts") + "\n\n" + "\n".join(f"- `{name}`" for name in demo))


def _sidebar(signed_in: User) -> None:
    role = name_of("role")(signed_in.role)
    if signed_in.agency_code:
        with engine().connect() as conn:
            role = f"{role}: {accounts.agency_name(conn, signed_in.agency_code) or signed_in.agency_code}"
    # Names are data: shown as typed, never read as Markdown (an image would be fetched).
    st.sidebar.markdown(
        t("signed_in_as").format(user=plain(signed_in.display_name or signed_in.username), role=plain(role))
    )
    st.sidebar.button(t("sign_out"), on_click=_sign_out, key="sign_out", icon=":material/logout:")


def _sign_out() -> None:
    signed_in = st.session_state.get("_user")
    with engine().begin() as conn:
        audit.record(conn, signed_in.username if signed_in else None, "sign_out")
    for key in (_USERNAME, _SSO_LOGGED, "_user"):
        st.session_state.pop(key, None)
    if _sso_configured() and _provider_signed_in():
        st.logout()
