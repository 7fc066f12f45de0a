"""A run that cannot start leaves every file as it was: a typo in `--select`, a pack
that is not there or a model directory that is not there is found before the output,
its run record or the `--summary-json` file is created, emptied or removed (with
`--force`, the results it was meant to replace would otherwise be lost to a typo)."""

from __future__ import annotations

from pathlib import Path

import pytest

from replylint.batch.job import ScoreJob
from replylint.batch.run_record import record_path
from replylint.cli import main
from replylint.config import LinterConfig
from replylint.errors import UserError

EXPORT = (
    "id,agent,reply\n"
    '71,mara,"Hi Tomas, I have moved your delivery to Friday. Thanks, Mara"\n'
    '72,olek,"Hello Priya, the duplicate charge is refunded. Thank you!"\n'
)
BAD_OPTIONS = {
    "select": ["--select", "jargn"],
    "pack": ["--pack", "no-such-pack.yaml"],
    "model": ["--model", "/no/such/model/dir"],
}


def files_in(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("out_name", ["scores.jsonl", "scores.csv"])
@pytest.mark.parametrize("bad", sorted(BAD_OPTIONS))
def test_a_bad_option_with_force_keeps_the_results_it_would_replace(
    tmp_path: Path, out_name: str, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(EXPORT, encoding="utf-8")
    out, summary = tmp_path / out_name, tmp_path / "summary.json"
    argv = ["score", str(source), "--out", str(out), "--summary-json", str(summary)]
    assert main([*argv, "--jobs", "1"]) == 0
    assert out.stat().st_size and record_path(out).is_file() and summary.is_file()
    before = files_in(tmp_path)
    capsys.readouterr()
    assert main([*argv, "--jobs", "1", "--force", *BAD_OPTIONS[bad]]) == 2
    assert capsys.readouterr().err.startswith("replylint: error:")
    assert files_in(tmp_path) == before


@pytest.mark.parametrize("bad", sorted(BAD_OPTIONS))
def test_a_bad_option_leaves_no_output_behind(
    tmp_path: Path, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(EXPORT, encoding="utf-8")
    out = tmp_path / "scores.jsonl"
    argv = ["score", str(source), "--out", str(out), "--jobs", "2", *BAD_OPTIONS[bad]]
    assert main(argv) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_the_cluster_path_checks_the_rules_before_connecting(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed")
    from replylint.batch.cluster import run_on_cluster

    source = tmp_path / "in.csv"
    source.write_text(EXPORT, encoding="utf-8")
    out = tmp_path / "scores.jsonl"
    out.write_text("kept\n", encoding="utf-8")
    job = ScoreJob(input=source, output=out, force=True, config=LinterConfig(select=["jargn"]))
    with pytest.raises(UserError, match="unknown rule or check 'jargn'"):
        run_on_cluster(job, "tcp://127.0.0.1:1")
    assert out.read_text(encoding="utf-8") == "kept\n"
