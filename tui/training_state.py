"""What the training screens share during one sitting (see tui/screens/training*.py):
the exercises on offer, the trainee's name, where result files go, this
sitting's results and the draft predictions (leaving the prediction form
loses nothing); and their common styles."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gvc_advisor.services.training.exercises import Exercise, bundled_exercises
from gvc_advisor.services.training.results import TrainingResult, default_directory, last_trainee

#: Marks carry their meaning in words and signs (✓ ~ ✗), and colour only as a
#: tinted background under automatic-contrast text, so they stay readable
#: (≥ 4.5:1) in light and dark themes; no fixed colours.
TRAINING_CSS = """
.training-title { text-style: bold; margin: 1 0 0 0; }
.training-note { color: $text; margin: 0 0 1 0; }
.mark-right { background: $success-muted; color: $text; text-style: bold; }
.mark-close { background: $warning-muted; color: $text; text-style: bold; }
.mark-wrong { background: $error-muted; color: $text; text-style: bold; }
.mark-given { color: $text; text-style: italic; }
"""


@dataclass
class TrainingState:
    """What the training screens share during one sitting."""

    exercises: list[Exercise]
    results_dir: Path
    trainee: str = ""
    #: Exercises given on the command line: a course, done in this order.
    course: bool = False
    done: dict[str, TrainingResult] = field(default_factory=dict)
    drafts: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def for_app(cls, app) -> TrainingState:
        directory = default_directory()
        return cls(bundled_exercises(app.kb), directory, last_trainee(directory))

    def next_after(self, exercise_id: str) -> Exercise | None:
        """The next exercise not done yet, after ``exercise_id`` in the list (wrapping round)."""
        ids = [e.id for e in self.exercises]
        start = ids.index(exercise_id) + 1 if exercise_id in ids else 0
        for exercise in self.exercises[start:] + self.exercises[:start]:
            if exercise.id not in self.done:
                return exercise
        return None
