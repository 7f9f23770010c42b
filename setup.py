"""Build hook: the project is described in pyproject.toml; this file only adds namematch's compiled modules.

With ``NAMEMATCH_USE_MYPYC=1`` in the environment, the hot modules of namematch (names, scoring, index and
what they call) are compiled to C extension modules with mypyc, as black, mypy and charset-normalizer ship
theirs; the ``.py`` files stay in the package beside them and are the same code. Without it (the default,
and every editable install) namematch is plain Python. See docs/decisions/0016-namematch-compiled-with-mypyc.md.
"""

import os
import sys

from setuptools import setup

# the modules on the query path; the others (model, io, cli, parallel, bench) stay plain Python: model's
# classes are pickled between processes, and the rest is I/O-bound
COMPILED = [
    "src/namematch/phonetic.py",
    "src/namematch/frequency.py",
    "src/namematch/hangul.py",
    "src/namematch/han.py",
    "src/namematch/vietnamese.py",
    "src/namematch/names.py",
    "src/namematch/mrz.py",
    "src/namematch/features.py",
    "src/namematch/scoring.py",
    "src/namematch/index.py",
]

ext_modules = []
if os.environ.get("NAMEMATCH_USE_MYPYC") == "1":
    if "editable_wheel" in sys.argv or "develop" in sys.argv:
        # compiled modules would be built into src/namematch and silently shadow every later edit of the source
        sys.exit("NAMEMATCH_USE_MYPYC=1 is for regular installs (pip install .), not editable ones (pip install -e .)")
    from mypyc.build import mypycify

    # the project's [tool.mypy] settings name Django plugins that the build does not have: none are read here
    ext_modules = mypycify(
        ["--config-file=", "--ignore-missing-imports", *COMPILED], opt_level="3", group_name="namematch"
    )

setup(ext_modules=ext_modules)
