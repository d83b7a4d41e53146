"""The campaign's rules, in one place."""

#: VNNIC rates a commune only from this many samples per category and month.
SAMPLE_FLOOR = 300

#: Each cadre and civil servant is asked to run i-Speed this many times per ISO week.
WEEKLY_TARGET = 2

#: Effective samples: at most this many tests per person (or device) a day count...
TESTS_PER_DAY = 2
#: ...and a test this many minutes or less after the person's last counted one does not.
BURST_MINUTES = 5

#: The categories VNNIC counts apart.
ACCESS_KINDS = ("fixed", "mobile")

#: The 2025 edition of administrative units (38 communes), the one pages report on.
CURRENT_EDITION = "2025"
