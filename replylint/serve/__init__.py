"""``replylint serve``: the HTTP service and the live draft page.

Ticket systems call a URL from a sidebar app or a "before send" webhook, and agents write
in a browser; this package serves the library to both. It needs the ``serve`` extra
(FastAPI and uvicorn), so nothing here is imported by ``import replylint``: the modules
that need FastAPI are imported only by ``replylint serve`` itself.
"""
