"""Stage 3 — the site: catalog, URLs, links, pages, navigation, feeds, mind map, rendering.

:class:`nexus_site.site.build.SiteBuild` is the core a static-site tool drives; no MkDocs here.
"""
