"""factory_boy factories per app for the rows tests build again and again.

Call them inside ``in_school(...)`` for per-school models: factories do not pick a schema.
"""
