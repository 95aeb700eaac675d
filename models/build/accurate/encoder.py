"""A torch-free sentence encoder: an ONNX BERT-style model on onnxruntime + the HF `tokenizers` tokenizer,
mean pooling over the attention mask, L2 normalisation (sentence-transformers' Pooling(mean)+Normalize of
all-MiniLM-L6-v2). This is what an accurate mode would run at inference: onnxruntime, tokenizers, numpy.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np


class OnnxEncoder:
    def __init__(
        self,
        model_path: str | Path,
        tokenizer_path: str | Path,
        max_length: int = 128,
        threads: int = 1,
        output: str = "mean",
    ) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.tok = Tokenizer.from_file(str(tokenizer_path))
        self.tok.enable_truncation(max_length=max_length)
        self.tok.enable_padding(pad_id=0, pad_token="[PAD]")  # to the batch's longest, not a fixed 128
        so = ort.SessionOptions()
        so.intra_op_num_threads = threads
        so.inter_op_num_threads = 1
        so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        so.log_severity_level = 3
        self.sess = ort.InferenceSession(str(model_path), sess_options=so, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.sess.get_inputs()}
        self.output = output  # "mean": pool last_hidden_state; "logits": the model's own output

    def _run(self, texts: list[str]) -> np.ndarray:
        enc = self.tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        out = self.sess.run(None, feeds)[0]
        if self.output == "logits":
            return out
        w = mask[..., None].astype(np.float32)
        pooled = (out * w).sum(1) / np.clip(w.sum(1), 1e-9, None)
        return (pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)).astype(np.float32)

    def encode(self, texts: list[str], batch_size: int = 32, sort: bool = True, progress: bool = False) -> np.ndarray:
        """Vectors of ``texts`` in their order; batches of similar length when ``sort`` (less padding)."""
        order = np.argsort([len(t) for t in texts], kind="stable") if sort else np.arange(len(texts))
        parts = []
        for k in range(0, len(texts), batch_size):
            parts.append(self._run([texts[i] for i in order[k : k + batch_size]]))
            if progress and (k // batch_size) % 100 == 0:
                print(f"  {k:,}/{len(texts):,}", flush=True)
        out = np.concatenate(parts) if parts else np.zeros((0, 384), np.float32)
        res = np.empty_like(out)
        res[order] = out
        return res
