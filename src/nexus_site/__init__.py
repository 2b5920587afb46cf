"""Medical AI Nexus site generator: curriculum model, validation and page generation.

The core (everything but :mod:`nexus_site.mkdocs`) does not import MkDocs; see README.md, "Architecture".
"""

from __future__ import annotations

from nexus_site.curriculum.loader import load
from nexus_site.curriculum.model import Curriculum, Lesson, Part, Series, Site, SubLesson, Text
from nexus_site.errors import CurriculumError, Location, NexusError, Problem

__all__ = [
    "Curriculum",
    "CurriculumError",
    "Lesson",
    "Location",
    "NexusError",
    "Part",
    "Problem",
    "Series",
    "Site",
    "SubLesson",
    "Text",
    "load",
]
