"""The curators' source workbench (admin pages): a source's text with its
records' evidence highlighted, review without leaving the page, and records
added from a selection of the text.  Reads are in kb.selectors.workbench,
writes in kb.services.workbench; this package holds the forms and views."""
