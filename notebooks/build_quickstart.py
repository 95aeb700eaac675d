"""Write notebooks/quickstart.ipynb from the cells below and execute it in place (nbclient), so the
committed notebook shows real outputs. The tests execute it again (tests/test_notebooks.py).

    python notebooks/build_quickstart.py
"""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

HERE = Path(__file__).resolve().parent
MD, CODE = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell

CELLS = [
    MD("# geoclaims quickstart\n\n"
       "This notebook goes from one article to a claim table, shows the claims highlighted in the text, plots "
       "them, filters them, runs a small batch and exports the result. It uses the example article in "
       "`data/examples/` and needs `pip install 'geoclaims[notebook]'` (for the plot)."),
    CODE("from pathlib import Path\n\nimport pandas as pd\n\nimport analyzer\n\n"
         "ROOT = Path.cwd().parent if Path.cwd().name == 'notebooks' else Path.cwd()\n"
         "text = (ROOT / 'data' / 'examples' / 'putin_baku.txt').read_text(encoding='utf8')\n"
         "print(f'{len(text):,} characters')"),
    MD("## One article: the claim table\n\n"
       "`analyze` returns a pandas DataFrame, one row per claim: numeric claims (`kind == 'quantity'`) with "
       "value, unit, qualifier, period and what they count, and statements, each with its speaker, modality "
       "and check-worthiness. `published` anchors relative periods such as \"last year\"."),
    CODE("claims = analyzer.analyze(text, published='2024-08-20', doc_id='putin_baku')\n"
         "key = ['text', 'kind', 'value', 'unit', 'qualifier', 'quantity_of', 'period', 'speaker', 'modality',\n"
         "       'checkworthiness']\n"
         "claims[key]"),
    MD("## The claims in the text\n\n"
       "`display` highlights the numeric claims (bold, amber), the entities by kind and the statements "
       "(dotted underline). Hover a highlight for its value, unit, qualifier and speaker."),
    CODE("analyzer.display(text, published='2024-08-20', title='Putin in Baku')"),
    MD("## Filtering\n\nThe numeric claims, then the statements a fact-checker should look at first."),
    CODE("numbers = claims[claims['kind'] == 'quantity']\n"
         "numbers[['text', 'value', 'unit', 'qualifier', 'quantity_of', 'period_start', 'period_end', 'low', "
         "'high']]"),
    CODE("worth_checking = claims[(claims['kind'] == 'statement') & (claims['checkworthiness'] >= 0.7)]\n"
         "worth_checking.sort_values('checkworthiness', ascending=False)[['text', 'speaker', 'modality',\n"
         "                                                                'checkworthiness']]"),
    MD("Each claim lists the entities it is about (`entities`, canonical names), so claims about one country "
       "are one filter away:"),
    CODE("claims[claims['entities'].map(lambda names: 'Azerbaijan' in names)][['text', 'kind', 'entities']]"),
    MD("## A plot\n\nWhich entities the claims are about."),
    CODE("ax = (claims.explode('entities')['entities'].value_counts().head(10).sort_values()\n"
         "      .plot.barh(title='claims per entity', figsize=(6, 3.5)))\n"
         "ax.set_xlabel('claims');"),
    MD("## A small batch\n\n"
       "`analyze_frame` analyses a DataFrame of articles, one per row; `doc_id` is the row's index label, so "
       "claims join back to the articles. A row that cannot be analysed (here, a missing text) is reported in "
       "`errors` and the others go on."),
    CODE("articles = pd.DataFrame({\n"
         "    'text': [\n"
         "        text,\n"
         "        'Kazakhstan shipped nearly 2 million tons of grain through the Caspian ports in 2023, '\n"
         "        'the transport ministry said.',\n"
         "        'Officials in Tehran expect the corridor to carry up to 15 million tons of cargo a year by 2030.',\n"
         "        None,\n"
         "    ],\n"
         "    'published': ['2024-08-20', '2024-02-01', '2024-05-10', '2024-05-11'],\n"
         "}, index=['baku', 'grain', 'corridor', 'empty'])\n"
         "errors = []\n"
         "batch = analyzer.analyze_frame(articles, published_col='published', errors=errors)\n"
         "print(f'{len(articles)} articles: {batch[\"doc_id\"].nunique()} analysed, {len(errors)} error(s)')\n"
         "for e in errors:\n"
         "    print(' ', e)\n"
         "batch[batch['kind'] == 'quantity'][['doc_id', 'text', 'value', 'unit', 'qualifier', 'quantity_of', "
         "'period', 'speaker']]"),
    MD("`summarize` shows a claim table the way the HTML report does: counts, charts and the key columns."),
    CODE("analyzer.summarize(batch)"),
    MD("## Export\n\n"
       "`export` writes the formats the CLI writes, chosen by suffix: CSV and Excel for spreadsheets (cells "
       "that could run as formulas are neutralised), JSON Lines, Parquet (list columns stay lists), and "
       "`fmt='claimreview'` for schema.org ClaimReview drafts."),
    CODE("import tempfile\n\n"
         "out = Path(tempfile.mkdtemp())\n"
         "for name in ('claims.csv', 'claims.xlsx', 'claims.parquet', 'claims.jsonl'):\n"
         "    analyzer.export(batch, out / name)\n"
         "analyzer.export(batch, out / 'claimreview.json', fmt='claimreview')\n"
         "back = pd.read_parquet(out / 'claims.parquet')\n"
         "print(sorted(p.name for p in out.iterdir()))\n"
         "same_lists = list(back['entities'][0]) == list(batch['entities'][0])\n"
         "print('parquet round trip:', back.shape == batch.shape, same_lists)"),
    MD("From the command line the same run is\n\n"
       "```\ngeoclaims analyze articles/ --out claims.parquet --report report.html\n```\n\n"
       "which also writes the self-contained HTML report (see the README)."),
]


def build(path: Path = HERE / "quickstart.ipynb", *, timeout: int = 120) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=CELLS)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    NotebookClient(nb, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(HERE)}}).execute()
    for cell in nb.cells:  # stable files: no execution timestamps
        cell.get("metadata", {}).pop("execution", None)
    nbformat.write(nb, path)
    return nb


if __name__ == "__main__":
    build()
    print(f"wrote {HERE / 'quickstart.ipynb'}")
