"""Rules and leaders typed as characters: read as lines and white space, not as content.

Typewriter-style tables draw no lines: a row of ``-----`` or ``=====`` under the header
and at the foot is their rule, and dot leaders (``Defense ........ 699``) carry the eye
from a label to its figures. :func:`typed_rules` turns a line made only of rule glyphs
into a horizontal edge (so :mod:`.rules` finds the table the way it finds a drawn
booktabs table) and takes leader runs out of the text (so the gap they fill is a
column gap to :mod:`.columns`, and no cell ends in dots).
"""

from __future__ import annotations

from ckextract._typing import T_obj, T_obj_list
from ckextract.extract.text import group_lines

RULE_GLYPHS = frozenset("-=_—–―─━═‐－＝＿")
"""Glyphs a typed rule is made of (hyphens, equals, underscores, box-drawing lines)."""
MIN_RULE_GLYPHS = 5
"""A typed rule has at least this many of them: ``----`` under a short header word is
still a rule at five; a dash or two in a cell (``-``, ``--``) is a value."""
LEADER_GLYPHS = frozenset(".．·・…‥")
"""Glyphs dot leaders are made of."""
MIN_LEADER_GLYPHS = 4
"""A run of at least this many (``…`` counts as three) is a leader: an ellipsis (``...``)
or ``・・・`` in Japanese text is content."""
MIN_LEADER_EMS = 2.0
"""...and it spans at least this many ems (a leader fills a gap; a run of tight dots
inside a word does not)."""
MAX_LEADER_GAP_EMS = 1.0
"""Dots of one leader are at most this many ems apart: ``..`` in each of a row's cells
(a statistics table's "not available") are separate values, not one leader."""


def _dots(ch: T_obj) -> int:
    return 3 if ch["text"] in "…‥" else 1


def _size(ch: T_obj) -> float:
    return float(ch.get("size") or 10.0)


def _runs(line: T_obj_list, glyphs: frozenset[str], max_gap_ems: float = float("inf")) -> list[T_obj_list]:
    """Runs of consecutive glyphs of ``glyphs`` in a line (spaces inside a run allowed;
    a gap over ``max_gap_ems`` ends it)."""
    runs: list[T_obj_list] = []
    current: T_obj_list = []
    for ch in line:
        if ch["text"] in glyphs:
            if current and ch["x0"] - current[-1]["x1"] > max_gap_ems * _size(ch):
                runs.append(current)
                current = []
            current.append(ch)
        elif ch["text"].isspace() and current:
            continue
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def is_rule_line(line: T_obj_list) -> bool:
    """A line made only of rule glyphs (and spaces), in runs of :data:`MIN_RULE_GLYPHS`."""
    shown = [c for c in line if not c["text"].isspace()]
    if not shown or any(c["text"] not in RULE_GLYPHS for c in shown):
        return False
    return all(len(run) >= MIN_RULE_GLYPHS for run in _runs(line, RULE_GLYPHS))


def leader_runs(line: T_obj_list) -> list[T_obj_list]:
    """The dot-leader runs of a line (see :data:`MIN_LEADER_GLYPHS`, :data:`MIN_LEADER_EMS`)."""
    return [
        run
        for run in _runs(line, LEADER_GLYPHS, MAX_LEADER_GAP_EMS)
        if sum(_dots(c) for c in run) >= MIN_LEADER_GLYPHS
        and run[-1]["x1"] - run[0]["x0"] >= MIN_LEADER_EMS * _size(run[0])
    ]


def _edge(run: T_obj_list) -> T_obj:
    x0, x1 = float(run[0]["x0"]), float(run[-1]["x1"])
    y = sum((c["top"] + c["bottom"]) / 2 for c in run) / len(run)
    return {
        "object_type": "typed_rule",
        "orientation": "h",
        "x0": x0,
        "x1": x1,
        "top": y,
        "bottom": y,
        "doctop": y,
        "width": x1 - x0,
        "height": 0.0,
    }


def typed_rules(chars: T_obj_list) -> tuple[T_obj_list, T_obj_list]:
    """The page's glyphs without its typed rules and leaders, and the typed rules as
    horizontal edges (one per run of a rule line)."""
    dropped: set[int] = set()
    edges: T_obj_list = []
    for line in group_lines(chars):
        if is_rule_line(line):
            edges.extend(_edge(run) for run in _runs(line, RULE_GLYPHS))
            dropped.update(id(c) for c in line)
            continue
        for run in leader_runs(line):
            dropped.update(id(c) for c in run)
    if not dropped:
        return chars, []
    return [c for c in chars if id(c) not in dropped], edges
