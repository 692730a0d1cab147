"""mic2025: monitoring and evaluation of the *Made in China 2025* strategy.

Start with ``mic2025.open(path)``; see the README for the command line.
"""

from mic2025.api import Monitor, open

__version__ = "0.1.0"
__all__ = ["Monitor", "__version__", "open"]
