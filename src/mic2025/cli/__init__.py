"""The ``mic2025`` command line: ``main.py`` assembles it; ``common.py`` holds shared options."""
