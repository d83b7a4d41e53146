"""Sign-in and roles, page by page with AppTest on the demo database: nobody sees a
page before signing in; an agency's user sees their own people and no one else's;
only administrators are offered imports and accounts."""

from __future__ import annotations

import json
import logging
import sqlite3

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from streamlit.testing.v1 import AppTest

from dashboard import i18n
from dashboard.access import accounts, audit, sign_in
from dashboard.store import database, tables
from tests.support.app_pages import READING_PAGES

AGENCY = "UBX03388"  # the demo agency user's agency: UBND phường Đoàn Kết
PAGES = READING_PAGES


@pytest.fixture
def app(demo_campaign, open_app):
    """A fresh AppTest on the demo database, nobody signed in."""
    return open_app(demo_campaign[0], timeout=90)


def _sign_in(app: AppTest, username: str, password: str) -> AppTest:
    app.text_input(key="sign_in_username").input(username)
    app.text_input[1].input(password)  # the password field has no key: it is not kept in the session
    return _button(app, "sign_in").click().run()


def _button(app: AppTest, label_key: str):
    return next(b for b in app.button if b.label == i18n.label(label_key))


def _everything_shown(app: AppTest) -> str:
    """Every text, table cell, option and map property the page holds, as one string."""
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "caption", "markdown", "info", "success", "error")
        for e in getattr(app, kind)
    ]
    parts += [frame.value.to_csv() for frame in app.dataframe]
    parts += [json.dumps(box.options, ensure_ascii=False) for box in app.selectbox]
    parts += [deck.proto.json for deck in app.get("deck_gl_json_chart")]
    parts += [chart.proto.spec for chart in app.get("arrow_vega_lite_chart")]
    return "\n".join(map(str, parts))


def _others(url: str) -> tuple[set[str], set[str]]:
    """Names and identifiers of the people who never belonged to the agency."""
    engine = database.make_engine(url)
    m, s, i = tables.staff_membership.c, tables.staff.c, tables.staff_identifier.c
    own = select(m.staff_id).where(m.agency_code == AGENCY)
    with engine.connect() as conn:
        names = set(conn.execute(select(s.full_name).where(s.staff_id.not_in(own))).scalars())
        own_names = set(conn.execute(select(s.full_name).where(s.staff_id.in_(own))).scalars())
        ids = set(conn.execute(select(i.identifier).where(i.staff_id.not_in(own))).scalars())
    engine.dispose()
    return names - own_names, ids  # a name two people share is not a leak


def test_nothing_is_shown_before_signing_in(app):
    """Before signing in the page shows the sign-in form with the demo's accounts offered, and no figure or table."""
    app.run()
    assert not app.exception
    assert app.title[0].value == i18n.label("sign_in_title")
    assert not app.dataframe and not app.metric
    assert any("demo.agency" in box.value for box in app.info)  # the demo's accounts are offered


def test_a_wrong_password_is_refused_and_repeated_failures_slowed(app, demo_campaign):
    """A wrong password is refused on the page; after the free failures the visitor is asked to wait, even the right
    password is then refused, and the throttling is logged."""
    app.run()
    for _ in range(sign_in.FREE_FAILURES):
        _sign_in(app, "demo.viewer", "not the password")
        assert app.error[0].value == i18n.label("wrong_password")
    assert "giây" in app.warning[0].value  # the third failure already asks to wait
    _sign_in(app, "demo.viewer", "demo.viewer")  # even the right password waits
    assert app.error[0].value.startswith("Đã nhập sai nhiều lần")
    assert not app.metric
    engine = database.make_engine(demo_campaign[0])
    with engine.begin() as conn:
        assert not audit.events(conn, username="demo.viewer", action="sign_in_throttled").empty
        conn.execute(tables.sign_in_throttle.delete())  # the other tests sign in as demo.viewer
    engine.dispose()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_database_error_at_sign_in_shows_a_plain_message(app, monkeypatch, caplog, language):
    """A database that fails during sign-in (SQLite's "database is locked") shows the
    visitor a plain message in their language, never a traceback nor the SQL's
    parameters; the details go to the server's log, without the parameters."""

    def locked(_database, username, _password):
        raise OperationalError(
            "insert into audit_event (username) values (?)", (username,), sqlite3.OperationalError("database is locked")
        )

    monkeypatch.setattr(sign_in, "sign_in", locked)
    app.query_params["lang"] = language
    app.run()
    app.text_input(key="sign_in_username").input("my secret pw")
    app.text_input[1].input("a password")
    with caplog.at_level(logging.ERROR):
        next(b for b in app.button if b.label == i18n.label("sign_in", language)).click().run()
    assert not app.exception
    assert [e.value for e in app.error] == [i18n.label("server_busy", language)]
    assert "my secret pw" not in _everything_shown(app)
    assert "database is locked" in caplog.text and "my secret pw" not in caplog.text


@pytest.mark.parametrize("page", PAGES)
def test_an_agency_user_sees_no_other_agencys_people(app, demo_campaign, page):
    """On every reading page an agency user sees no name or identifier of anyone outside their agency; on participation
    they can choose only their own agency, see their own people and no unmatched tests."""
    app.run()
    _sign_in(app, "demo.agency", "demo.agency")
    app.switch_page(page).run()
    assert not app.exception, [e.message for e in app.exception]
    shown = _everything_shown(app)
    names, identifiers = _others(demo_campaign[0])
    leaked = [n for n in names if n in shown] + [i for i in identifiers if i in shown]
    assert not leaked, leaked[:5]
    if page.endswith("participation.py"):
        assert app.selectbox(key="participation_agency").options == ["UBND phường Đoàn Kết"]
        assert app.dataframe[1].value.shape[0] > 0  # their own people are there
        assert not [e for e in app.expander if e.label.startswith(i18n.label("unmatched_title"))]


def test_only_administrators_are_offered_imports_and_accounts(app):
    """A viewer is offered neither the import and account pages nor the editing of targets, and their user name is shown
    escaped, not read as Markdown."""
    app.run()
    _sign_in(app, "demo.viewer", "demo.viewer")
    assert not app.exception
    assert any("demo\\.viewer" in m.value for m in app.sidebar.markdown)  # a name is escaped, not Markdown
    for page in ("views/data_import.py", "views/accounts.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            app.switch_page(page)  # not among the viewer's pages
    app.switch_page("views/coverage.py").run()
    assert any(i.value == i18n.label("targets_admin_only") for i in app.info)


def test_an_administrator_manages_accounts_on_the_page(app, demo_campaign):
    """An administrator adds an agency account on the page: a short password is refused with the form kept as typed, a
    good one stores the account and empties the form."""
    app.run()
    _sign_in(app, "demo.admin", "demo.admin")
    app.switch_page("views/accounts.py").run()
    assert not app.exception, [e.message for e in app.exception]
    app.text_input(key="new_username").input("so.tai.chinh")
    app.selectbox(key="new_role").set_value("agency")
    app.selectbox(key="new_agency").set_value(AGENCY)
    app.text_input(key="new_password").input("short")
    _button(app, "add_account").click().run()  # too short a password: refused, nothing stored, nothing retyped
    assert app.error and "8" in app.error[0].value
    assert app.text_input(key="new_username").value == "so.tai.chinh"
    app.text_input(key="new_password").input("a long enough one")
    _button(app, "add_account").click().run()
    assert not app.exception and app.success, [e.value for e in app.error]
    assert app.text_input(key="new_username").value == ""  # the form is empty again
    engine = database.make_engine(demo_campaign[0])
    with engine.begin() as conn:
        assert accounts.get_user(conn, "so.tai.chinh").agency_code == AGENCY
        accounts.remove_user(conn, "so.tai.chinh")
    engine.dispose()


def test_changing_an_account_shows_and_keeps_its_own_role(app, demo_campaign):
    """Choosing another account shows its role and agency; a new password alone
    leaves them as they were."""
    app.run()
    _sign_in(app, "demo.admin", "demo.admin")
    app.switch_page("views/accounts.py").run()
    app.selectbox(key="change_username").set_value("demo.agency").run()
    assert app.selectbox(key="change_role_demo.agency").value == "agency"
    assert app.selectbox(key="change_agency_demo.agency").value == AGENCY
    app.text_input(key="change_password").input("demo.agency")  # the same password again
    _button(app, "save").click().run()
    assert not app.exception and app.success, [e.value for e in app.error]
    engine = database.make_engine(demo_campaign[0])
    with engine.connect() as conn:
        assert accounts.get_user(conn, "demo.agency").agency_code == AGENCY
        assert audit.events(conn, username="demo.admin", action="role_changed").empty
    engine.dispose()


def test_single_sign_on_is_offered_once_configured(app):
    """With an [auth] section in the secrets, a second button signs in through the
    department's OpenID Connect provider; local accounts stay."""
    app.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "x" * 32,
        "client_id": "ispeed",
        "client_secret": "secret",
        "server_metadata_url": "https://sso.example/.well-known/openid-configuration",
    }
    app.run()
    assert not app.exception
    labels = [b.label for b in app.button]
    assert i18n.label("sign_in_sso") in labels and i18n.label("sign_in") in labels
