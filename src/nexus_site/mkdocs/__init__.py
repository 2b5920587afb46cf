"""The MkDocs adapter: the only place that imports MkDocs."""
