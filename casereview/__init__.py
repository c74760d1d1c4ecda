"""casereview: a safeguarding children partnership's case review service."""
