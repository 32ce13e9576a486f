"""The packages of the distribution (the metadata is in pyproject.toml).

The contract in schemas/ ships inside the package as ``reportparse.schemas``: the folder
itself is mapped, so the repository keeps one copy and ``importlib.resources`` finds it in
an installed wheel and in an editable checkout alike.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages("src"), "reportparse.schemas"],
    package_dir={"": "src", "reportparse.schemas": "schemas"},
    package_data={
        "reportparse": ["specs/*.toml", "specs/*/*.toml", "qa/templates/*.j2"],
        "reportparse.schemas": ["*.yaml", "*.csv"],
    },
)
