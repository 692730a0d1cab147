"""Presentation shared by every output (CLI, reports, dashboard): formatting, words, order.

Publication computes nothing: figures and judgements come from ``mic2025.evaluate``
and the store; this package only formats them in the reader's language
(``formatter``), phrases verdicts and their evidence (``verdicts``) and orders targets
as the strategy does (``ordering``).  Each output keeps only its own page models.
"""
