"""A Word review brought back into a structured draft (issue 19).

Pure domain code: it takes letters and a reviewed copy already read into
plain data (`drafting.review.document`, filled by
`drafting.importers.reviewed`) and works out what the reviewers did, as
suggestions and comments (`drafting.annotations`). It never opens files: the
store finds the exported revision (`drafting.storage.reviews`), the export
writes the anchors and the revision stamp (`drafting.export.anchors`), using
the names defined in `drafting.review.stamp`.
"""
