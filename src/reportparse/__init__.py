"""reportparse: IMDi's statistics on the introduction programme as validated, tidy data.

``reportparse.read("observations")`` loads a dataset of the published folder (./extracted)
as a typed pandas DataFrame; pandas is imported only then.
"""

__version__ = "0.1.0"


def read(name: str, folder="extracted"):
    """The dataset ``name`` of the published ``folder`` as a typed DataFrame
    (``reportparse.published.read``)."""
    from .published import read as read_published

    return read_published(name, folder)
