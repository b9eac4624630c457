"""Patient-privacy detector for Entre IDEL (pure Python, no Flask).

    from forum.privacy import scan, redact
    v = scan(text)            # v.hold, v.findings, v.reasons
    clean = redact(text, v.findings)
"""
from .policy import redact, scan
from .types import Finding, Verdict

__all__ = ["Finding", "Verdict", "redact", "scan"]
