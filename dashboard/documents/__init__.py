"""Documents the department sends: the official weekly and monthly report, laid out as
Decree 30/2020/NĐ-CP lays out an administrative document (DOCX and PDF), and each
agency's pack (XLSX)."""
