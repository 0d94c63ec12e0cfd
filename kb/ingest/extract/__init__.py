"""Extraction: events, organisations, people, regions and quotes from a repaired Simplified article."""
