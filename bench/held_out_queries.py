"""A second held-out set of judged queries for `python -m bench.search_quality --held-out-2` (session 39).

Written from the corpus's titles, excerpts, topics and provider names (`../shared/corpus/powerapps/news/`)
before either engine was run on them, to check issue 19's quality target on queries nobody tuned for; none of
them is in JUDGED, HELD_OUT or QUESTIONS of bench/search_quality.py. Each query lists the stories a reader
wants, by bench.search_quality.file_id of their file names (the corpus's text is not copied here). A story is
relevant when its title, excerpt or labels are about what the query asks, an abbreviation the corpus spells out
included (CDS, ALM); a phrase in quotes wants the stories with those words side by side. The corpus is in
English, so no other language's stemming is asked for.
"""

HELD_OUT_2 = [
    # Single words, and other forms of them than the stories use (plural, singular, a verb's)
    ("bookmark", ["7a2fb45635"]),
    ("timeline", ["4323c7b956"]),
    ("toggle", ["f7bd34fff6"]),
    ("wizard", ["85b637d8b4"]),
    ("merging", ["4066cba92b"]),
    ("ignite", ["784b41b838", "2f549139f4", "4f061fb60e"]),
    ("covid", ["8a0547cf22"]),
    ("student", ["a0f07bbb50"]),
    ("bulletins", ["6f8f0aebba", "f1cb364b2b"]),
    ("acumatica", ["edbe50364d"]),
    ("openai", ["fbc1b648dc"]),
    ("intellisense", ["93325da48e"]),
    ("capacity", ["da49880baa", "10bd5b59d5"]),
    ("predictions", ["e9252c413b"]),
    ("speaker", ["bbaf304a80", "5287192df7"]),
    ("bootcamp", ["30c2c86b17"]),
    ("holiday", ["62101b4888"]),
    ("bots", ["35af084f22", "831dc421db", "85dbdc4b94", "10bd5b59d5"]),
    ("gestures", ["da3b9bbc78"]),
    ("header", ["374049c15b"]),
    ("measuring", ["51d8dc35dc"]),
    # Words written together that the stories write apart, or with a hyphen, and the other way round
    ("timezone", ["5a4ef8bbff"]),
    ("onboarding", ["f46906f5d4", "87c2575c65"]),
    ("scroll bar", ["a68f6852c6"]),
    ("lifecycle", ["5aeb25acae", "b9937b2138", "f01e6c0483"]),
    ("open source", ["911f2b2fc9"]),
    ("on-premises", ["930c345e7b"]),
    ("venture beat", ["fbc1b648dc"]),
    ("k-12", ["a0f07bbb50"]),
    ("l300", ["159631bf6a"]),
    # Punctuation, numbers, an address
    ("web.powerapps.com", ["7a2fb45635"]),
    ("profile+", ["f1cb364b2b"]),
    ("portal 9.3.3", ["26d0f6b349", "59202a538c"]),
    ("3d models", ["51d8dc35dc"]),
    ("dynamics 365", ["4066cba92b", "1d020c1300", "0230a87799", "2ef0ffef96", "23c3a95855", "ed889d1210",
                      "930c345e7b"]),
    # Abbreviations the corpus spells out once
    ("alm", ["5aeb25acae", "f01e6c0483", "b9937b2138"]),
    ("cds", ["89222de8d7", "5a4ef8bbff", "4066cba92b", "3cde7923fa", "42de4e9376", "0230a87799"]),
    # Two or three words
    ("natural language", ["107764aed5", "fbc1b648dc"]),
    ("process mining", ["1c213ecde3"]),
    ("external users", ["f46906f5d4", "87c2575c65"]),
    ("azure active directory", ["43f2053805"]),
    ("trial subscriptions", ["2ef0ffef96"]),
    ("app designer", ["699614c2e8", "8edd7e8869"]),
    ("mobile app", ["da3b9bbc78", "1d020c1300", "ffb04420ad"]),
    ("calculated columns", ["edbe50364d"]),
    # People, a provider with a topic, a topic's name
    ("todd baginski", ["5287192df7", "62101b4888"]),
    ("charles lamanna", ["9a469e8312"]),
    ("paul burns", ["3656111d38"]),
    ("neowin dataverse", ["831dc421db"]),
    ("teams integration", ["85dbdc4b94", "4f061fb60e", "d1355dcd4d", "0230a87799", "831dc421db", "10bd5b59d5",
                           "f2b336d149", "605fc0f97e", "ed889d1210", "32f7c3e64e", "524f0b29c6", "fdb30fa3e6",
                           "965e8de4bc"]),
    # British spellings of the stories' American ones
    ("behaviour properties", ["d167724623"]),
    ("favourite apps", ["da3b9bbc78"]),
    # Phrases in quotes
    ("\"quick actions\"", ["2b5c20bc0f", "ec2b3f386e"]),
    ("\"super users\"", ["383e49170b"]),
    ("\"edit in excel\"", ["32f7c3e64e"]),
    ("\"power query\"", ["42de4e9376"]),
    ("\"magic quadrant\"", ["a9b2fb7636"]),
    ("\"center of excellence\"", ["dc30e647e8", "ef7aeb6124"]),
    ("\"fluent ui\"", ["5569a014bd"]),
    # Misspellings: a letter left out, one wrong, two swapped (two edits), in the first two letters too
    ("notifcations", ["0270c3cadf"]),
    ("intellisence", ["93325da48e"]),
    ("vancover user group", ["f2b336d149", "29b15e9ccd"]),
    ("enviroment variables", ["b9937b2138"]),
    ("comunity calls", ["5287192df7", "d1355dcd4d", "383e49170b", "62101b4888", "16854353dc", "fdb30fa3e6"]),
    ("quadrent", ["a9b2fb7636"]),
    ("vs code extention", ["93325da48e"]),
    ("pwoer fx", ["59c2e5579e", "edbe50364d"]),
    ("dashbaord", ["acf37a5d11", "abea623a64", "f48443c669"]),
    ("inventroy", ["41346eec97"]),
    ("monitering", ["b6c4f61e2d", "742f74645c", "16854353dc"]),
    # Prefixes, as typed so far
    ("acumat", ["edbe50364d"]),
    ("bootca", ["30c2c86b17"]),
]

# A third held-out set (session 40, issue 19): what readers type with punctuation and short names, `--held-out-3`.
# Written from the published stories' titles, excerpts and topics before either engine ran on them, by the same rule
# as HELD_OUT_2: versions with dots (typed whole, in part as the last word, with the corpus's `.x`), words written
# with a hyphen typed so and together, a topic's shortname (CDS: the topic Common Data Service's record) beside other
# words, and numbers and letters run together. None is in the other sets.
HELD_OUT_3 = [
    # Versions with dots
    ("9.3.3", ["26d0f6b349", "59202a538c"]),
    ("version 9.3", ["26d0f6b349", "59202a538c"]),
    ("9.2.2103", ["59202a538c"]),
    ("portal 9.3.3.x", ["26d0f6b349", "59202a538c"]),
    # Words with hyphens, typed so and together
    ("covid-19", ["8a0547cf22"]),
    ("covid19", ["8a0547cf22"]),
    ("no-code", ["4f061fb60e", "87c2575c65", "59c2e5579e", "edbe50364d"]),
    ("nocode", ["4f061fb60e", "87c2575c65", "59c2e5579e", "edbe50364d"]),
    ("open-source", ["911f2b2fc9"]),
    ("code-first", ["c227177157", "1feedf34d0"]),
    ("ai-powered", ["107764aed5"]),
    ("on-premise", ["930c345e7b"]),
    ("high-density headers", ["374049c15b"]),
    ("prebuilt connectors", ["0270c3cadf"]),
    # A topic's shortname with other words
    ("cds time zone", ["5a4ef8bbff"]),
    ("cds entities", ["5a4ef8bbff", "3cde7923fa"]),
    ("deprecated cds", ["5a4ef8bbff"]),
    # Letters and numbers together
    ("q2 2021", ["930c345e7b"]),
    ("azure ad b2c", ["85b637d8b4"]),
    ("k12 students", ["a0f07bbb50"]),
]
