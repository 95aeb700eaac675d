"""``python -m analyzer`` runs the geoclaims command line."""
from .cli import main

main()
