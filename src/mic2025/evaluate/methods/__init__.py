"""The three progress methods; each maps prepared target x series rows to a status.

Every method takes the same prepared frame (see ``mic2025.evaluate.scorecard``) and
returns a frame on the same index with: status, decided_by, progress_ratio,
required_annual_change, actual_annual_change, change_basis, projected_value, pi_low,
pi_high, prob_meet, years_used, note.  All arithmetic is vectorised over rows.
"""

from mic2025.evaluate.methods import growth_ratio, trend, unsd_gap

METHODS = {
    "growth_ratio": growth_ratio,
    "unsd_gap": unsd_gap,
    "trend": trend,
}
"""Method name -> module (each has ``FORMULA`` and ``assess(frame)``)."""

__all__ = ["METHODS", "growth_ratio", "trend", "unsd_gap"]
