"""The search stage: a Pagefind index of the article pages, one bundle per month, written after the pages."""
