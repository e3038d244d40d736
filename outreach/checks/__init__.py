"""Checks on the laid-out Document and the preflight of the PDF it was drawn into."""
