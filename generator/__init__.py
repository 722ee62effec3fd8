"""Turn collected news articles (seeds/) into briefings and a searchable MkDocs site."""

__version__ = "0.1.0"
