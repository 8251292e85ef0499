"""Open311 GeoReport v2 for partners (council, police) under /open311/v2/ (docs/partners.md)."""
