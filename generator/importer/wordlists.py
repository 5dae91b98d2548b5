"""Word lists shared by the normaliser and the tagger. Data only."""

from __future__ import annotations

from types import MappingProxyType

MONTHS = MappingProxyType(
    {
        "january": 1,
        "february": 2,
        "march": 3,
        "april": 4,
        "may": 5,
        "june": 6,
        "july": 7,
        "august": 8,
        "september": 9,
        "october": 10,
        "november": 11,
        "december": 12,
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
)

# Agencies, papers and broadcasters a byline may name. A site adds its own with `outlets` in site.toml.
BUILTIN_OUTLETS = (
    "Reuters",
    "Reuter",
    "Thomson Reuters",
    "Associated Press",
    "The Associated Press",
    "AP",
    "AFP",
    "Agence France-Presse",
    "Agence France Presse",
    "Bloomberg",
    "Bloomberg News",
    "Dow Jones",
    "Dow Jones Newswires",
    "UPI",
    "United Press International",
    "Press Association",
    "PA",
    "PA Media",
    "Canadian Press",
    "The Canadian Press",
    "Australian Associated Press",
    "AAP",
    "Deutsche Presse-Agentur",
    "dpa",
    "EFE",
    "ANSA",
    "Kyodo",
    "Kyodo News",
    "Jiji Press",
    "Yonhap",
    "Xinhua",
    "Xinhua News Agency",
    "Interfax",
    "Interfax-Ukraine",
    "RIA Novosti",
    "TASS",
    "ITAR-TASS",
    "Anadolu Agency",
    "Press Trust of India",
    "PTI",
    "IANS",
    "Bernama",
    "Ukrinform",
    "UNIAN",
    "Sputnik",
    "BBC",
    "BBC News",
    "BBC Sport",
    "CNN",
    "NPR",
    "PBS",
    "ABC News",
    "CBS News",
    "NBC News",
    "Fox News",
    "Sky News",
    "Al Jazeera",
    "Euronews",
    "Deutsche Welle",
    "DW",
    "RFE/RL",
    "Radio Free Europe",
    "Radio Free Europe/Radio Liberty",
    "Voice of America",
    "VOA",
    "RT",
    "France 24",
    "CBC News",
    "RTE",
    "ITV News",
    "Channel 4 News",
    "The Moscow Times",
    "Moscow Times",
    "The New York Times",
    "New York Times",
    "The Washington Post",
    "Washington Post",
    "The Guardian",
    "Guardian",
    "The Observer",
    "The Times",
    "The Sunday Times",
    "The Independent",
    "The Telegraph",
    "The Daily Telegraph",
    "Financial Times",
    "The Financial Times",
    "FT",
    "The Wall Street Journal",
    "Wall Street Journal",
    "WSJ",
    "The Economist",
    "Los Angeles Times",
    "USA Today",
    "The Boston Globe",
    "Chicago Tribune",
    "The Globe and Mail",
    "Toronto Star",
    "National Post",
    "The Sydney Morning Herald",
    "The Age",
    "The Irish Times",
    "The Scotsman",
    "The Herald",
    "Daily Mail",
    "The Sun",
    "Daily Mirror",
    "Mirror",
    "Evening Standard",
    "Le Monde",
    "Le Figaro",
    "Der Spiegel",
    "Kommersant",
    "Vedomosti",
    "Novaya Gazeta",
    "Izvestia",
    "Kyiv Post",
    "Meduza",
    "Politico",
    "Axios",
    "The Atlantic",
    "Newsweek",
    "Time",
    "The Hindu",
    "Times of India",
    "The Japan Times",
    "South China Morning Post",
    "The Straits Times",
    "Haaretz",
    "The Jerusalem Post",
    "The Local",
    "Agencies",
    "Wire Services",
    "News Agencies",
)
# Words that make a byline part a newspaper's name: "The Daily Bugle", "Kyiv Post".
OUTLET_WORDS = frozenset(
    """
    times news post press journal herald tribune gazette telegraph guardian observer daily weekly agency
    agencies service services wire wires radio television tv network magazine review chronicle courier mail
    express independent standard monitor bulletin dispatch examiner inquirer star mirror newswire newswires
    media broadcasting online globe sun record register sentinel leader argus echo advertiser
""".split()
)
# Words that make a byline part a job title, not a person: "Moscow Correspondent", "Staff Writer".
ROLE_WORDS = frozenset(
    """
    writer writers reporter reporters correspondent correspondents editor editors columnist contributor
    contributors staff analyst producer photographer bureau desk team newsroom
""".split()
)
# Lower-case words inside a person's name: "Ludwig van Beethoven", "Charles de Gaulle".
NAME_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "der",
        "den",
        "du",
        "da",
        "dos",
        "das",
        "del",
        "della",
        "di",
        "la",
        "le",
        "bin",
        "ibn",
        "al",
        "y",
        "ter",
        "ten",
        "zu",
    }
)

# A paragraph that ends with one of these was cut in the middle of a sentence.
FUNCTION_WORDS = frozenset(
    """
    a an the of to in on at for with and or but nor by from into onto about as than that which who whom whose
    is are was were be been being has have had will would can could shall should may might must do does did
    said says his her their its our your my this these those such very more most less least not no if when
    while where whether because although though after before since until unless so both either neither each
    every any some many much few several between among against during without within under over per via mr mrs
    ms dr st
""".split()
)

# Words that make a sentence a report, not a caption: auxiliaries, reporting verbs, irregular past tenses.
FINITE_VERBS = frozenset(
    """
    is are was were am be been has have had will would can could shall should may might must do does did
    isn't aren't wasn't weren't hasn't haven't hadn't won't wouldn't can't couldn't doesn't didn't
    said says say told tells tell added adds announced announces reported reports claimed claims warned warns
    urged urges insisted insists argued argues believes believed thinks thought wants wanted
    became began broke brought built bought caught chose came dealt drew drank drove ate fell felt fought fled
    flew forgot forgave froze got gave went grew withstood overcame underwent heard hid held kept knew led lent
    lost made meant met paid ran
    rang sought sold sent shook shot sang sank slept slid spoke spent spun sprang stood stole stuck struck swore
    swept swam swung took taught tore threw understood woke wore won wept wrote
""".split()
)

# Participles and -ed adjectives that captions are built on.
CAPTION_PARTICIPLES = frozenset(
    """
    pictured photographed shown seen depicted captured filmed
    armed masked armoured armored wounded injured detained dressed covered damaged destroyed abandoned flooded
    crowded packed alleged unidentified unnamed named called gathered surrounded flanked accompanied escorted
    handcuffed blindfolded stranded displaced exhausted worried tired retired elected united hundred bearded
    hooded uniformed veiled decorated painted illuminated closed collapsed burned burnt charred scattered
    parked loaded marked stacked piled lined raised clenched waved waving draped wrapped seated gathered
""".split()
)

# Words ending in -ing that are not participles.
NOT_PARTICIPLES = frozenset(
    """
    during according including following regarding concerning notwithstanding pending morning evening king
    thing things nothing something anything everything ring spring string wing sing bring building buildings
    meeting meetings ceiling sterling beijing wedding funding spending housing training ruling hearing warning
    bombing shooting landing clothing offering opening ending setting feeling earning savings rating ranking
    timing lightning pudding darling viking sibling nothing reading viewing listing outing outstanding
    boxing sibling swing sting sling gaming bowling racing sailing cycling skiing marketing advertising
    banking shipping mining farming fishing printing publishing broadcasting lending borrowing trading
""".split()
)
