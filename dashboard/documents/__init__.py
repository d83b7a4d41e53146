"""Official documents: the weekly and monthly report on the campaign, laid out as
Decree 30/2020/NĐ-CP lays out an administrative document, as DOCX and PDF."""
