import json
import math

import pytest
from django.core.management import CommandError, call_command

from alleyhub.matching.engine.evaluation import (
    DatasetError,
    aggregate,
    load_beir,
    mrr_at_k,
    ndcg_at_k,
    recall_at_k,
)


def write_beir(folder, corpus, queries, qrels):
    (folder / "qrels").mkdir(parents=True)
    (folder / "corpus.jsonl").write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in corpus) + "\n")
    (folder / "queries.jsonl").write_text(
        "\n".join(json.dumps(q, ensure_ascii=False) for q in queries) + "\n"
    )
    lines = ["query-id\tcorpus-id\tscore"] + [f"{q}\t{d}\t{s}" for q, d, s in qrels]
    (folder / "qrels" / "test.tsv").write_text("\n".join(lines) + "\n")
    return folder


@pytest.fixture
def tiny(tmp_path):
    return write_beir(
        tmp_path / "tiny",
        [
            {
                "_id": "d1",
                "title": "碳化硅MOSFET",
                "text": "1200V 碳化硅功率器件",
                "metadata": {"kind": "outcome"},
            },
            {"_id": "d2", "title": "石墨烯导热膜", "text": "手机散热", "metadata": {"kind": "outcome"}},
            {"_id": "d3", "title": "MEMS microphone", "text": "low-noise MEMS microphone for earbuds"},
        ],
        [
            {"_id": "q1", "text": "SiC power device"},
            {"_id": "q2", "text": "graphene heat spreader"},
            {"_id": "q3", "text": "unjudged query"},
        ],
        [("q1", "d1", 2), ("q2", "d2", 1), ("q2", "d3", 0)],
    )


def test_ndcg_with_graded_gains_by_hand():
    rels = {"a": 2, "b": 1}
    # ranking b, x, a: DCG = 1/log2(2) + 2/log2(4) = 2; IDCG = 2 + 1/log2(3)
    assert ndcg_at_k(["b", "x", "a"], rels) == pytest.approx(2 / (2 + 1 / math.log2(3)))
    assert ndcg_at_k(["a", "b"], rels) == pytest.approx(1.0)
    assert ndcg_at_k([], rels) == 0.0


def test_recall_and_mrr_by_hand():
    rels = {"a": 2, "b": 1, "c": 0}
    assert recall_at_k(["x", "a", "c"], rels, 1) == 0.0
    assert recall_at_k(["x", "a", "c"], rels, 5) == 0.5
    assert mrr_at_k(["x", "c", "b"], rels) == pytest.approx(1 / 3)
    assert mrr_at_k(["x"], rels) == 0.0


def test_aggregate_skips_queries_without_relevant_documents():
    report = aggregate({"q1": ["a"], "q2": ["z"]}, {"q1": {"a": 1}, "q2": {"z": 0}}, [1.0, 3.0])
    assert report["n_queries"] == 1 and report["ndcg@10"] == 1.0 and report["recall@1"] == 1.0
    assert report["p50_ms"] == 2.0


def test_load_beir_reads_kind_and_qrels(tiny):
    ds = load_beir(tiny)
    assert [d.kind for d in ds.docs] == ["outcome", "outcome", "document"]
    assert ds.qrels == {"q1": {"d1": 2}, "q2": {"d2": 1, "d3": 0}}


def test_load_beir_rejects_duplicate_ids_and_broken_files(tmp_path):
    dup = write_beir(
        tmp_path / "dup",
        [{"_id": "d1", "text": "a"}, {"_id": "d1", "text": "b"}],
        [{"_id": "q1", "text": "a"}],
        [("q1", "d1", 1)],
    )
    with pytest.raises(DatasetError, match="duplicate corpus ids: d1"):
        load_beir(dup)
    (dup / "corpus.jsonl").write_text("{not json\n")
    with pytest.raises(DatasetError, match="line 1"):
        load_beir(dup)
    with pytest.raises(DatasetError, match="not a folder"):
        load_beir(tmp_path / "missing")


def test_eval_command_prints_metrics_json_as_last_line(tiny, capsys):
    call_command("eval_matching", str(tiny), "--mode", "lexical")
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) >= 2
    report = json.loads(lines[-1])
    assert set(report) == {
        "ndcg@10",
        "recall@1",
        "recall@5",
        "recall@10",
        "mrr@10",
        "p50_ms",
        "p95_ms",
        "n_queries",
    }
    assert report["n_queries"] == 2
    assert report["recall@10"] == 1.0


def test_eval_command_hybrid_mode_embeds_on_the_fly(tiny, capsys):
    call_command("eval_matching", str(tiny))
    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["ndcg@10"] == 1.0


def test_eval_command_reports_duplicate_ids_as_command_error(tmp_path):
    dup = write_beir(
        tmp_path / "dup",
        [{"_id": "d1", "text": "a"}, {"_id": "d1", "text": "b"}],
        [{"_id": "q1", "text": "a"}],
        [("q1", "d1", 1)],
    )
    with pytest.raises(CommandError, match="duplicate corpus ids"):
        call_command("eval_matching", str(dup))
