"""Helpers the tests share: hand-made campaigns, hostile names, the command line
run as a user runs it, recounts of the demo's exports, the app's pages, the browser."""
