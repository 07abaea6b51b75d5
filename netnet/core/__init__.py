"""The domain: pure Python, no Textual and no SQL."""
