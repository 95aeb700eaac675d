"""checkworthiness."""
