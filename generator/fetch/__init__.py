"""`newsdesk fetch`: read the site's feeds into its content folder.

sources.py lists the feeds, http.py asks for them politely, parse.py reads them (rss_atom.py, json_feed.py),
items.py turns entries into content files, store.py writes those and remembers them in the state file
(state.py). run.py sequences them. This file imports nothing: the process that parses feeds (workers.py)
imports parse.py, and with it this package, and needs none of the others.
"""
