"""Word lists shared by the normaliser and the tagger. Data only."""
from __future__ import annotations

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
            "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun")

# Capitalised words that are never a tag on their own.
NOT_ENTITIES = frozenset(
    {m.capitalize() for m in MONTHS} | {d.capitalize() for d in WEEKDAYS}
    | {"I", "Mr", "Mrs", "Ms", "Dr", "OK", "Sir", "St", "No", "Yes", "Internet", "Web", "Chief"}
)

# Words that name an office; the name that follows them is the person.
HONORIFICS = frozenset("""
    Mr Mrs Ms Miss Dr Sir Dame Lord Lady King Queen Prince Princess Pope Rev Reverend
    President Minister Secretary Chancellor Premier Senator Sen Rep Representative
    Congressman Congresswoman Governor Gov Mayor Ambassador Judge Justice General Gen
    Colonel Col Captain Capt Lieutenant Lt Sergeant Sgt Commander Admiral Professor Prof
    Chairman Chairwoman Chairperson Spokesman Spokeswoman Spokesperson Director Coach
    Manager Boss Striker Midfielder Defender Goalkeeper Chief Executive Leader Deputy
    Vice Former Officer Inspector Superintendent Detective Commissioner Attorney MP MEP
    State Analyst Economist Editor Correspondent Reporter Skipper Captain Cardinal Bishop
""".split())

# Lower-case words allowed inside a name: "Bank of England", "Charles de Gaulle".
CONNECTORS = frozenset({"of", "de", "du", "van", "von", "der", "den", "al", "bin", "da", "del", "di", "la", "le"})

# Adjectives folded into the place they come from.
DEMONYMS = {
    "Russian": "Russia", "Ukrainian": "Ukraine", "American": "US", "British": "UK",
    "Chinese": "China", "French": "France", "German": "Germany", "Japanese": "Japan",
    "Indian": "India", "Italian": "Italy", "Spanish": "Spain", "Iranian": "Iran",
    "Iraqi": "Iraq", "Israeli": "Israel", "Syrian": "Syria", "Afghan": "Afghanistan",
    "Pakistani": "Pakistan", "Turkish": "Turkey", "Polish": "Poland", "Dutch": "Netherlands",
    "Irish": "Ireland", "Scottish": "Scotland", "Welsh": "Wales", "English": "England",
    "Australian": "Australia", "Canadian": "Canada", "Mexican": "Mexico", "Brazilian": "Brazil",
    "Egyptian": "Egypt", "Greek": "Greece", "Swedish": "Sweden", "Norwegian": "Norway",
    "Danish": "Denmark", "Finnish": "Finland", "Belgian": "Belgium", "Swiss": "Switzerland",
    "Austrian": "Austria", "Portuguese": "Portugal", "Korean": "Korea", "Saudi": "Saudi Arabia",
    "Nigerian": "Nigeria", "Kenyan": "Kenya", "Argentine": "Argentina", "Crimean": "Crimea",
    "European": "Europe", "African": "Africa", "Asian": "Asia", "Soviet": "Soviet Union",
    "Chilean": "Chile", "Colombian": "Colombia", "Venezuelan": "Venezuela", "Cuban": "Cuba",
    "Georgian": "Georgia", "Hungarian": "Hungary", "Czech": "Czech Republic", "Romanian": "Romania",
    "Serbian": "Serbia", "Croatian": "Croatia", "Thai": "Thailand", "Vietnamese": "Vietnam",
    "Indonesian": "Indonesia", "Filipino": "Philippines", "Malaysian": "Malaysia",
    "Lebanese": "Lebanon", "Jordanian": "Jordan", "Libyan": "Libya", "Sudanese": "Sudan",
    "Ethiopian": "Ethiopia", "Zimbabwean": "Zimbabwe", "Palestinian": "Palestine",
    "Scandinavian": "Scandinavia", "Californian": "California", "Texan": "Texas",
    "Londoner": "London", "Yorkshire": "Yorkshire", "Welshman": "Wales", "Scot": "Scotland",
    "Brit": "UK", "Britons": "UK", "Americans": "US", "Russians": "Russia", "Ukrainians": "Ukraine",
    "Britain": "UK", "United Kingdom": "UK", "United States": "US", "USA": "US",
    "Great Britain": "UK",
}

STOP_WORDS = frozenset("""
    a about above according across after afterwards again against ago ahead all almost alone along already also
    although always am among amongst an and another any anyone anything anyway are around as at back be became
    because become becomes been before beforehand behind being below beside besides between beyond both but by
    can cannot could did do does doing done down during each earlier early either else elsewhere enough even
    ever every everyone everything except few first for former formerly from further had has have having he
    hence her here hers herself him himself his how however i if in indeed instead into is it its itself just
    last later latest least less like likely made make many may me meanwhile might mine more moreover most
    mostly much must my myself neither never nevertheless new next no nobody none nor not nothing now nowhere
    of off often on once one only onto or other others otherwise our ours ourselves out over own per perhaps
    please put rather really said same say saying says see seem seemed seems several she should since so some
    somehow someone something sometime sometimes somewhere still such than that the their theirs them
    themselves then there thereafter thereby therefore these they this those though through throughout thus to
    today together tomorrow too toward towards under unless until up upon us very via was we well were what
    whatever when whenever where whereas whether which while who whoever whole whom whose why will with
    within without would yes yet you your yours yourself yourselves yesterday tonight told added asked
    two three four five six seven eight nine ten hundred thousand million billion year years week weeks month
    months day days time times people percent per cent around including because whose going according
    says think thought want wants wanted took take takes taken come comes came get gets got give given gives
    told tell tells still already another among these those where which while about after again being
    could would should there their other first second third number part parts place many much made make
    makes making found find need needs needed used using show shows showed known know says went goes look
    looking looked while dont didnt wasnt isnt cant wont its thats theres hes shes also mr mrs ms dr
    monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    spokesman spokeswoman statement report reports reported officials official told
    """.split())
