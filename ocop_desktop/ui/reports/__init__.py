"""The *Báo cáo* section (issue 11): plans and targets (this package's ``plans_page``)."""
