"""The data layer: schema, store and services. Never imports Textual."""
