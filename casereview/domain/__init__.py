"""The rules of case review work, in pure Python: nothing here imports Django."""
