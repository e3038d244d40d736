"""The vocabulary every stage shares.

Diagnostics, units, the model of packs and layouts, the laid-out Document, and where the
bundled files live.
"""
