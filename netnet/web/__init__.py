"""``netnet serve``: netnet in a browser, through textual-serve (the optional ``web`` extra).

The server (``server.py``) never opens the database: each browser session is a netnet
process of its own (``session.py``), started from an argument list, that opens it.
Nothing here imports Textual or netnet's app; nothing below the command line imports this.
"""
