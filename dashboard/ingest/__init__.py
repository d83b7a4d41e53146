"""Files in: reading CSV and XLSX as they arrive, checking and normalising their values, and importing measurements and rosters (each import shows what it will change, then changes only that)."""
