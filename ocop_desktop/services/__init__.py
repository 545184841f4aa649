"""Use cases: one function per user action. Each takes a Session, opens none of its
own and never commits: the caller owns the transaction (``with db.session() as s:``)."""
