"""lasttrain-awards: a sourced, validated record of the accolades of *Last Train Home*."""

__version__ = "0.1.0"
