"""PDFs of issues that look like the printed briefing, in every content language.

document.py builds the HTML, render.py prints it with WeasyPrint and the bundled fonts
(fonts/), services.py renders in the background, stores and finds the files, views.py
serves them, admin.py adds the export button and zip action. See docs/pdfs.md.
"""
