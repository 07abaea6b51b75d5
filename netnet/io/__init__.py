"""Importers and exporters, each a pair of small functions. Never imports Textual."""
