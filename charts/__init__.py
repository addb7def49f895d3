"""Every Altair chart the pages, the projector and the PDF draw, one module per subject (maps: geo.maps)."""
