"""The GitHub Pages workflow cannot run here; its structure is checked instead."""

from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "site.yml"


def test_site_workflow_triggers_builds_and_deploys():
    wf = yaml.safe_load(WORKFLOW.read_text())
    on = wf[True] if True in wf else wf["on"]  # YAML 1.1 reads the key `on` as True
    assert set(on["push"]["paths"]) >= {"seeds/**", "generator/**", "docs/**", "mkdocs.yml"}
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"
    steps = wf["jobs"]["build"]["steps"]
    runs = " ".join(s.get("run", "") for s in steps)
    assert "python -m generator build" in runs and "mkdocs build --strict" in runs
    uses = [s.get("uses", "").split("@")[0] for s in steps + wf["jobs"]["deploy"]["steps"]]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses
    assert wf["jobs"]["deploy"]["needs"] == "build"


def test_site_workflow_restores_the_analysis_cache_before_generating():
    from generator.cache import DEFAULT_CACHE_DIR

    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["build"]["steps"]
    names = [s.get("uses", "").split("@")[0] or s.get("run", "") for s in steps]
    cached = names.index("actions/cache")
    assert cached < next(i for i, n in enumerate(names) if n.startswith("python -m generator build"))
    step = steps[cached]["with"]
    assert step["path"] == DEFAULT_CACHE_DIR.as_posix()
    assert "hashFiles('generator/**'" in step["key"] and "hashFiles('seeds/**')" in step["key"]
