"""Preparing a review's report for publication: the publication-harm check, redaction from the identity register
with each proposed change reviewed, and sign-off by a second person."""
