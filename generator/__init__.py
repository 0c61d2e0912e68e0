"""newsdesk: a static site generator for news aggregators."""

__version__ = "0.1.0"
