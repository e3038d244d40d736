"""From a kit to files.

Jobs are planned from a kit, built in a pool, and written atomically with a manifest and a
print order; previews and print-shop packages are made from what was written.
"""
