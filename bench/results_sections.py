"""The sections of bench/RESULTS.md that different writers own.

bench/report.py (bench/run.sh) rewrites the file from its own runs but keeps
the sections named in KEPT as they are: `## fides-serve`, written by
bench/serve/write_results.py, and `## Gaps and plans`, written by hand from
the profile of the run above it (issue 12 asks, for each target not met, for
the profile that explains the gap and the plan to close it)."""
import re

KEPT = ("## fides-serve", "## Gaps and plans")


def _pattern(heading):
    return re.compile("^" + re.escape(heading) + r"\n.*?(?=^## |\Z)", re.S | re.M)


def find(text, heading):
    """The section under `heading` (up to the next `## `), or None."""
    found = _pattern(heading).search(text)
    return found.group(0).rstrip("\n") + "\n" if found else None


def replace(text, heading, section):
    """`text` with its section under `heading` replaced by `section`, or
    `section` appended when there is none."""
    pattern = _pattern(heading)
    if pattern.search(text):
        return pattern.sub(lambda _: section.rstrip("\n") + "\n\n", text, count=1)
    return text.rstrip("\n") + "\n\n" + section
