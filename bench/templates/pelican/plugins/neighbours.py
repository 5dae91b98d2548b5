"""Newer/older links for each article, computed by Pelican at build time (like the pelican-neighbors plugin)."""
from pelican import signals


def _link_neighbours(generator):
    articles = generator.articles  # newest first (ARTICLE_ORDER_BY = "reversed-date")
    for i, article in enumerate(articles):
        article.newer = articles[i - 1] if i > 0 else None
        article.older = articles[i + 1] if i + 1 < len(articles) else None


def register():
    signals.article_generator_finalized.connect(_link_neighbours)
