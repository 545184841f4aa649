"""The *Báo cáo* section (issue 11): dashboard, plans and targets (``plans_page``), reports sent up."""
