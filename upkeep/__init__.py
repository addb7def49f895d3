"""Keeping the data current: roles, import and validation, edits, users, exports, the `po` command."""
