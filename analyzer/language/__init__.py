"""Language detection: is a text in English, and if not, in which language.

>>> from analyzer.language import detect
>>> d = detect("Le gouvernement a annoncé mardi que les exportations de gaz vers l'Europe ont augmenté.")
>>> d.code, d.is_english
('fr', False)
>>> detect("Trade rose 12% to $4 billion.").code  # too little text to tell: counts as English
'und'
"""
from .detect import Detection, detect

__all__ = ["Detection", "detect"]
