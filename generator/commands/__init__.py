"""The `newsdesk` commands behind generator/cli.py: their arguments (arguments.py), what each does with them
(handlers.py), and what the terminal shows of a build (terminal.py)."""
