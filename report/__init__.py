"""The county report: figures gathered once, rendered as a page, a PDF and a workbook."""
