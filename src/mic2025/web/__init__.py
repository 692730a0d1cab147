"""Publication layer on the web: a JSON REST API and a five-language dashboard.

Nothing here computes a figure: pages and endpoints ask the store, the evaluation
engine and the index module, then format what they return.
"""

from mic2025.web.app import create_app

__all__ = ["create_app"]
