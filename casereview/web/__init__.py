"""The shared web layer: base layout, GOV.UK Frontend assets, dashboard and error pages."""
