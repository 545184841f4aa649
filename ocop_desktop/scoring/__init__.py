"""Rubrics (versioned scoring sheets) and the scoring engine: pure Python, no Qt, no DB.

* :mod:`.model` — the rubric data model (set → part → group → criterion → option).
* :mod:`.rubric` — loading ``resources/rubrics/<id>.json`` with integrity checks.
* :mod:`.engine` — scoring one sheet and a council of sheets.
* :mod:`.explain` — the sentences that explain a result to the officer.
"""
