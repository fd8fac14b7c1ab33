"""The press kit: an electronic press kit (EPK) in which every line is sourced.

`build_kit` reads the database and the owner's kit file and returns the kit's files; `write_kit`
writes them as one unit. Modules: content (the film's sourced facts), kitfile (the owner's TOML),
wording (what every output says of a record), page (HTML from templates/), markdown, chart,
laurel, theme (colours and fonts), kit (assembly). Jinja2 is imported only from here down.
"""

from lasttrain_awards.presskit.content import ContentError, KitContent, kit_content
from lasttrain_awards.presskit.kit import Kit, build_kit, kit_files, write_kit
from lasttrain_awards.presskit.kitfile import KitFile, KitFileError, read_kit_file

__all__ = [
    "ContentError",
    "Kit",
    "KitContent",
    "KitFile",
    "KitFileError",
    "build_kit",
    "kit_content",
    "kit_files",
    "read_kit_file",
    "write_kit",
]
