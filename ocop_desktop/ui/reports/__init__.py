"""The *Báo cáo* section: dashboard, plans and targets, reports sent up (issue 11)."""
