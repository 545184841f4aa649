"""Evaluation screens: the scoring sheet form, councils, legacy results and the commune report (Mẫu 03).

Modules import the scoring engine and (lazily, in the dialogs) the services; the main
window imports this package only when the Evaluations section is first shown.
"""
