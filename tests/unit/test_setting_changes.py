"""A settings change is audited as code writes it (``weekly_target: 2 → 3``), and is
read back exactly — the setting, its value before and after — so that the accounts
page can write it in the reader's words; anything else is not taken for one."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select

from dashboard.reports.settings import load_settings, save_settings, setting_change
from dashboard.store import tables


def test_every_change_saved_is_read_back_from_its_audit_detail(ready_engine):
    """Numbers, thresholds (a dict) and two-line text, as saved, come back from the audit log."""
    with ready_engine.begin() as conn:
        before = load_settings(conn)
        after = dataclasses.replace(
            before,
            weekly_target=3,
            thresholds={**before.thresholds, "4g": 45.5},
            issuing_body="UBND TỈNH LAI CHÂU\nSỞ KHOA HỌC → CÔNG NGHỆ",
        )
        changed = save_settings(conn, after, actor="kiem.thu")
        details = conn.execute(select(tables.audit_event.c.detail)).scalars().all()
    read = {change[0]: change[1:] for change in map(setting_change, details) if change}
    assert set(read) == set(changed) == {"weekly_target", "thresholds", "issuing_body"}
    for name in changed:
        assert read[name] == (getattr(before, name), getattr(after, name))


def test_other_details_are_not_taken_for_a_change():
    """An account's detail, an unknown setting or an unreadable value give None."""
    assert setting_change("chief: agency of SKHCN") is None
    assert setting_change("colour: 'red' → 'blue'") is None
    assert setting_change("weekly_target: 2 → os.system('x')") is None
    assert setting_change(None) is None
