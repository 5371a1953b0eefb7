"""The measures: each computes one thing about an article, as rows of one table."""
