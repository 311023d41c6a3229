"""Templates: the model, the XML format, the catalog, migration and editing."""
