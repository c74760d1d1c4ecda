"""casereview.domain is pure Python: importing every module of it loads nothing from Django."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import casereview.domain

ROOT = Path(__file__).resolve().parents[2]


def test_domain_imports_nothing_from_django():
    """A fresh interpreter imports every domain module and has no django module loaded afterwards."""
    modules = [f"casereview.domain.{m.name}" for m in pkgutil.walk_packages(casereview.domain.__path__)]
    assert "casereview.domain.calendar" in modules and "casereview.domain.terms" in modules
    program = "; ".join([f"import {name}" for name in modules] + [
        "import sys",
        "leaked = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))",
        "print(','.join(leaked))",
    ])
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
