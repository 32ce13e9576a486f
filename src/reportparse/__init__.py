"""reportparse: IMDi's statistics on the introduction programme as validated, tidy data."""

__version__ = "0.1.0"
