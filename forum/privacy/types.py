"""Value types of the privacy detector."""
from __future__ import annotations

from dataclasses import dataclass, field

# how a hit counts in the hold policy
DIRECT = "direct"  # D: one is enough to hold
QUASI = "quasi"  # Q: holds only with health information about a specific person
HEALTH = "health"  # H


@dataclass(frozen=True, order=True)
class Finding:
    """A fragment of the text that makes a post identifying."""

    start: int
    end: int
    kind: str
    reason: str
    replacement: str


@dataclass(frozen=True)
class Hit:
    """What a recognizer reports: a candidate finding plus how it counts."""

    start: int
    end: int
    kind: str
    reason: str
    replacement: str
    level: str = DIRECT
    priority: int = 0  # larger wins when two hits overlap

    def finding(self) -> Finding:
        return Finding(self.start, self.end, self.kind, self.reason, self.replacement)


@dataclass(frozen=True)
class Verdict:
    hold: bool
    findings: list = field(default_factory=list)

    @property
    def reasons(self) -> list[str]:
        seen: list[str] = []
        for f in self.findings:
            if f.reason not in seen:
                seen.append(f.reason)
        return seen

    def __bool__(self) -> bool:  # a Verdict is truthy when the post must be held
        return self.hold
