"""Source facts as CSV files (seed/data) and an idempotent loader."""
