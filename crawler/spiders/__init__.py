"""DISCOVER: spiders, one per discovery method; publishers are data, spiders are generic."""
