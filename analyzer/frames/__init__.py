"""The ``geo_frames`` stage: what each figure measures (``quantity_of``), whom it is about (``subject``),
when (``period``) and on whose word (``speaker``), read from the parse after the quantity and attribution
stages. One module per field; `analyzer/frames/component.py` runs them in order. The conventions are those of
FRAMES.md (the development frame set in ``bench/data/frames`` follows them)."""
