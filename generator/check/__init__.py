"""`broadsheet check`: verifies a built site from its files alone (it imports nothing of the build).

files.py     the output folder's files, read with a size bound; site URLs <-> files (`SiteFiles`)
htmlscan.py  one HTML page -> `PageScan` (ids, links, robots, refresh, JSON-LD), stdlib html.parser
links.py     a link -> the file and fragment it names, or why it is a problem
jsonld.py    JSON-LD that parses, and the fields an article page's NewsArticle must have
feeds.py     Atom feeds (feedparser, then the rules that matter) and JSON Feeds
sitemaps.py  sitemap.xml (a urlset or a sitemapindex), news-sitemap.xml
vnu.py       `--html`: the Nu HTML checker (vnu.jar), one JVM over every page
run.py       `check_site`: every check, in a process pool, -> `CheckReport`
"""

from generator.check.problems import CheckReport, Problem
from generator.check.run import check_site

__all__ = ["CheckReport", "Problem", "check_site"]
