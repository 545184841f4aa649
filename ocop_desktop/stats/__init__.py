"""Statistics engine (issue 11): periods and scopes, the certificate stock and its movement,
the indicators computed from the records, and the achievement of plan targets. Qt-free.

- :mod:`.period`: :class:`Period` (inclusive dates) and :class:`Scope` (communes).
- :mod:`.stock`: products in force at a date and the movement of the stock over a period.
- :mod:`.indicators`: the catalogue (:func:`all_indicators`) and :func:`compute`.
- :mod:`.achievement`: targets of a plan against the actual figures ("đạt X% kế hoạch").
"""
