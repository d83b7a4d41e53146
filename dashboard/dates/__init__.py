"""One home for dates: ISO weeks, months and periods (:mod:`.periods`), and the one clock in Vietnam time (:mod:`.clock`)."""
