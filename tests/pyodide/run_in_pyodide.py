"""The Python half of tests/pyodide/run_tests.mjs: runs pytest inside Pyodide.

Expects the wheels installed in site-packages and the project mounted as the working
directory. Not meant for the host interpreter.
"""

from __future__ import annotations

import os
import sys

import pytest


class ReportNotRun:
    """Collect tests that were skipped or xfailed, to list them after pytest's summary."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if not report.skipped:
            return
        if hasattr(report, "wasxfail"):
            reason = f"xfail {report.wasxfail}".strip()
        elif isinstance(report.longrepr, tuple):
            reason = report.longrepr[2]
        else:
            reason = str(report.longrepr)
        self.lines.append(f"{report.nodeid}: {reason}")


def is_checker(name: str) -> bool:
    return name == "checker" or name.startswith("checker.")


def main(args: list[str], site_packages: str) -> int:
    # NODEFS writes through to the real tree: keep bytecode and hypothesis's database out of it.
    sys.dont_write_bytecode = True
    os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = "/tmp/hypothesis"
    cwd = os.getcwd()
    sys.path[:] = [p for p in sys.path if p not in ("", ".", cwd)]

    # Imported before pytest so that even a test that puts the project on sys.path gets
    # the installed wheel: the package is then already in sys.modules.
    import checker

    print(f"run_tests: checker {checker.__version__} from {checker.__file__}", flush=True)
    if not checker.__file__ or not checker.__file__.startswith(site_packages + "/"):
        print("run_tests: FAIL: checker is not imported from the installed wheel")
        return 1

    not_run = ReportNotRun()
    pytest_args = ["tests/checker", "-q", "-p", "no:cacheprovider", "--import-mode=importlib"]
    code = int(pytest.main([*pytest_args, *args], plugins=[not_run]))

    stray = sorted(
        name
        for name, module in list(sys.modules.items())
        if is_checker(name)
        and not (getattr(module, "__file__", None) or site_packages).startswith(site_packages)
    )
    if stray:
        print(f"run_tests: FAIL: checker modules imported from outside site-packages: {stray}")
        code = code or 1
    if not_run.lines:
        print(f"run_tests: {len(not_run.lines)} test(s) did not run on Pyodide:")
        for line in not_run.lines:
            print(f"  {line}")
    if code == pytest.ExitCode.NO_TESTS_COLLECTED:
        print("run_tests: FAIL: pytest collected no tests under tests/checker")
    return code
