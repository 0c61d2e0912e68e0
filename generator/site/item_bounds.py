"""What one item may keep of its nested fields, as some pages cost per pair of its parts (each of its topic
pages lists its topics): at most MAX_TOPICS topics, MAX_RELATED related stories and MAX_IMAGES images (and
MAX_IMAGES of its provider's). nested_fields.py applies them with a warning for the rest; fetch writes no
more than that, and cuts a feed's categories by them before parsing (a module of its own, as the process
that parses feeds imports it and none of what reading front matter needs).

And how much of its file is read (content.py): the first MAX_FILE_BYTES, whose front matter may be at most
MAX_FRONT_MATTER_BYTES (a longer body is cut, with a warning); fetch writes a body short enough for both.
"""

MAX_TOPICS = 20  # per item
MAX_RELATED = 50
MAX_IMAGES = 20
MAX_FILE_BYTES = 4 * 1024 * 1024
MAX_FRONT_MATTER_BYTES = 256 * 1024
