"""Quantities stage: numbers, units, currencies, qualifiers, rates and periods."""
from .model import Quantity

__all__ = ["Quantity"]
