"""The campaign's figures, one definition each: periods' headline, coverage, participation, quality, targets, the rules and settings they use, and the files they are exported to."""
