"""FollowTheMoney (FtM) export of the people register and the notices: export.py writes the entities (see its
docstring), views.py serves them as a download and on the API, urls.py routes the download page."""
