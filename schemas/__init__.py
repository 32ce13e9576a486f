"""The data contract as package data: setup.py maps this folder into the package as
``reportparse.schemas``, so that ``importlib.resources`` finds it in an installed wheel and in
an editable checkout alike (see ``reportparse.contract.paths``)."""
