"""Dev-only tooling (parser scoring on real pages); not part of the product app."""
