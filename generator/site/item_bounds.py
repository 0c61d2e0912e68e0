"""What one item may keep of its nested fields, as some pages cost per pair of its parts (each of its topic
pages lists its topics): at most MAX_TOPICS topics, MAX_RELATED related stories and MAX_IMAGES images (and
MAX_IMAGES of its provider's). nested_fields.py applies them with a warning for the rest; fetch writes no
more than that, and cuts a feed's categories by them before parsing (a module of its own, as the process
that parses feeds imports it and none of what reading front matter needs).
"""

MAX_TOPICS = 20  # per item
MAX_RELATED = 50
MAX_IMAGES = 20
