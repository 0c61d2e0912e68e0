"""config.yaml -> Config, in modules of one job each, imported one way (values <- lines <- checks
<- load):

- values.py: the typed, frozen values (Config and its sections), each key's default and `doc`, its reference
- lines.py: where a key is in config.yaml, for a message said at its line
- checks.py: what is wrong with the values together (ranges, URLs, folders, the theme, the feeds)
- load.py: config.yaml read into a Config (load_config), every problem reported at once; build_time

Nothing is imported here: each name is imported from its module.
"""
