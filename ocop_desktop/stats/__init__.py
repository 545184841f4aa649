"""Statistics computed from the records (issue 11), Qt-free."""
