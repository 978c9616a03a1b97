"""Documents out: chart and data export, the briefing, the side-by-side document, redlines."""
