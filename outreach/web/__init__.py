"""The web app (`outreach serve`): a browser in, the same library calls as the command line out."""
