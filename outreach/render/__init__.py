"""Drawing a Document into a PDF with ReportLab, each page written as soon as it is drawn."""
