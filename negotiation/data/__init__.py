"""Data in: the model, dataset.yaml's schema and checks, loading, saving, the tidy table,
importers of other formats. Imports nothing else of the package."""
