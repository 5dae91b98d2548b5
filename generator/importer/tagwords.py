"""Word lists for the tagger. Data only."""

from __future__ import annotations

from types import MappingProxyType

from generator.importer.wordlists import MONTHS, WEEKDAYS

# Capitalised words that are never a tag on their own.
NOT_ENTITIES = frozenset(
    {m.capitalize() for m in MONTHS}
    | {d.capitalize() for d in WEEKDAYS}
    | set(
        """
    I Mr Mrs Ms Dr OK Sir St No Yes Internet Web Chief Government Parliament Police Army Court Church State
    City Council Ministry Department Office Party Committee Commission Union Club League Cup Group Company
    Bank Board Agency Centre Center Institute University College School Hospital Prison Museum Festival
    Awards Award Championship Championships Games Series Tour Open Final Finals Prize Act Bill Budget Report
    North South East Western Eastern Northern Southern Central Premier Minister President Secretary Chancellor
    Mum Dad God Lord Christmas Easter Xmas Weekend Today Tonight Yesterday Tomorrow Mon Tue Wed Thu Fri Sat Sun
    Hmm Oh Ah Er TV Radio Mobile Online Digital Global World International National Federal Royal Red Green
    Blue Black White Gold Silver Grand Great New Old Young Big Little First Second Third Last Next West
    """.split()
    )
)

# Words that name an office; the name that follows them is the person.
HONORIFICS = frozenset(
    """
    Mr Mrs Ms Miss Dr Sir Dame Lord Lady King Queen Prince Princess Pope Rev Reverend Father Sister Brother
    President Minister Secretary Chancellor Premier Senator Sen Rep Representative Congressman Congresswoman
    Governor Gov Mayor Ambassador Judge Justice General Gen Colonel Col Captain Capt Lieutenant Lt Sergeant Sgt
    Commander Admiral Marshal Major Professor Prof Chairman Chairwoman Chairperson Spokesman Spokeswoman
    Spokesperson Director Coach Manager Boss Striker Midfielder Defender Goalkeeper Winger Forward Keeper
    Executive Leader Deputy Vice Officer Inspector Superintendent Detective Constable Commissioner Attorney
    MP MEP MSP State Analyst Economist Editor Correspondent Reporter Skipper Cardinal Bishop Archbishop Rabbi
    Imam Sheikh Emir Chief Chair Speaker Counsel Solicitor Barrister Consul Envoy Prosecutor Dean Head
    Founder Owner Producer Singer Actor Actress Star Presenter Host Author Novelist Poet Designer Artist
    Champion Rider Driver Batsman Bowler Chairmen Ministers Presidents Senators Officers Doctor Nurse
    DJ Librarian Councillor Councilor Alderman Volunteer Volunteers Organiser Organizer Warden Curator Teacher
    Headteacher Principal Engineer Scientist Researcher Professor Lecturer Campaigner Activist Spokeswoman
    Economist Trader Banker Lawyer Witness Resident Residents Farmer Fisherman Pilot Captain
    Minister's Secretary-General
""".split()
)

# Words that only qualify an office: "Foreign Minister", "Prime Minister" are no one's name.
ROLE_PREFIXES = frozenset(
    """
    Prime Foreign Defence Defense Home Interior Finance Health Justice Deputy Vice Acting Former Senior Chief
    Executive General Attorney Shadow Junior Assistant Culture Education Transport Trade Energy Environment
    Economy Economic Agriculture Sports Sport Culture Treasury Foreign-Affairs Managing Press Permanent
    Opposition Party Labour Conservative Tory Liberal Democrat Republican Democratic Communist Supreme High
    Lord Lady Chief Vice-President European Secretary-General Under Assistant Associate Regional Local
""".split()
)

# Words that open a sentence, not a name: "But Kerry said" is about Kerry.
LEADING_NOISE = frozenset(
    """
    a an the of to in on at for with and or but nor by from into as than that which who whom whose is are was
    were be been has have had will would can could shall should may might must do does did said says his her
    their its our your my this these those such if when while where whether because although though after
    before since until unless so both either neither each every any some many much few several between among
    against during without within under over per via also then now yet however meanwhile still just even only
    here there why how what it he she they we i you me him them us not no nor indeed instead perhaps yes
    thus hence therefore moreover furthermore besides like unlike despite according former ex
""".split()
)

# Company forms dropped from a name: "Granite Mining Corp" is "Granite Mining".
CORPORATE_SUFFIXES = frozenset(
    "Corp Corporation Inc Incorporated Co Ltd Limited Plc PLC LLC LP AG SA NV BV GmbH Group Holdings".split()
)

# Lower-case words allowed inside a name: "Bank of England", "Charles de Gaulle".
CONNECTORS = frozenset({"of", "de", "du", "van", "von", "der", "den", "al", "bin", "da", "del", "di", "la", "le"})

# Other names for one place, and adjectives folded into the place they come from.
ALIASES = MappingProxyType(
    {
        "Russian": "Russia",
        "Ukrainian": "Ukraine",
        "American": "US",
        "British": "UK",
        "Chinese": "China",
        "French": "France",
        "German": "Germany",
        "Japanese": "Japan",
        "Indian": "India",
        "Italian": "Italy",
        "Spanish": "Spain",
        "Iranian": "Iran",
        "Iraqi": "Iraq",
        "Israeli": "Israel",
        "Syrian": "Syria",
        "Afghan": "Afghanistan",
        "Pakistani": "Pakistan",
        "Turkish": "Turkey",
        "Polish": "Poland",
        "Dutch": "Netherlands",
        "Irish": "Ireland",
        "Scottish": "Scotland",
        "Welsh": "Wales",
        "English": "England",
        "Australian": "Australia",
        "Canadian": "Canada",
        "Mexican": "Mexico",
        "Brazilian": "Brazil",
        "Egyptian": "Egypt",
        "Greek": "Greece",
        "Swedish": "Sweden",
        "Norwegian": "Norway",
        "Danish": "Denmark",
        "Finnish": "Finland",
        "Belgian": "Belgium",
        "Swiss": "Switzerland",
        "Austrian": "Austria",
        "Portuguese": "Portugal",
        "Korean": "Korea",
        "Saudi": "Saudi Arabia",
        "Nigerian": "Nigeria",
        "Kenyan": "Kenya",
        "Argentine": "Argentina",
        "Argentinian": "Argentina",
        "Crimean": "Crimea",
        "Chilean": "Chile",
        "Colombian": "Colombia",
        "Venezuelan": "Venezuela",
        "Cuban": "Cuba",
        "Georgian": "Georgia",
        "Hungarian": "Hungary",
        "Czech": "Czech Republic",
        "Romanian": "Romania",
        "Serbian": "Serbia",
        "Croatian": "Croatia",
        "Thai": "Thailand",
        "Vietnamese": "Vietnam",
        "Indonesian": "Indonesia",
        "Filipino": "Philippines",
        "Malaysian": "Malaysia",
        "Lebanese": "Lebanon",
        "Jordanian": "Jordan",
        "Libyan": "Libya",
        "Sudanese": "Sudan",
        "Ethiopian": "Ethiopia",
        "Zimbabwean": "Zimbabwe",
        "Palestinian": "Palestine",
        "Kuwaiti": "Kuwait",
        "Qatari": "Qatar",
        "Emirati": "United Arab Emirates",
        "Taiwanese": "Taiwan",
        "Peruvian": "Peru",
        "Bolivian": "Bolivia",
        "Ecuadorean": "Ecuador",
        "Ghanaian": "Ghana",
        "Ugandan": "Uganda",
        "Tanzanian": "Tanzania",
        "Somali": "Somalia",
        "Moroccan": "Morocco",
        "Algerian": "Algeria",
        "Tunisian": "Tunisia",
        "Yemeni": "Yemen",
        "Bulgarian": "Bulgaria",
        "Slovak": "Slovakia",
        "Slovenian": "Slovenia",
        "Belarusian": "Belarus",
        "Lithuanian": "Lithuania",
        "Latvian": "Latvia",
        "Estonian": "Estonia",
        "Moldovan": "Moldova",
        "Armenian": "Armenia",
        "Azerbaijani": "Azerbaijan",
        "Kazakh": "Kazakhstan",
        "Uzbek": "Uzbekistan",
        "Mongolian": "Mongolia",
        "Nepalese": "Nepal",
        "Bangladeshi": "Bangladesh",
        "Sri Lankan": "Sri Lanka",
        "Icelandic": "Iceland",
        "Jamaican": "Jamaica",
        "Soviet": "Soviet Union",
        "USSR": "Soviet Union",
        "Scot": "Scotland",
        "Scots": "Scotland",
        "Britain": "UK",
        "Great Britain": "UK",
        "United Kingdom": "UK",
        "Britons": "UK",
        "Brits": "UK",
        "United States": "US",
        "United States of America": "US",
        "USA": "US",
        "America": "US",
        "Americans": "US",
        "Russians": "Russia",
        "Ukrainians": "Ukraine",
        "Europeans": "Europe",
        "European Union": "EU",
    }
)

STOP_WORDS = frozenset(
    """
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
    months day days time times people percent cent including going think thought want wants wanted took take
    takes taken come comes came get gets got give given gives tell tells second third number part parts place
    makes making found find need needs needed used using show shows showed known know went goes look looking
    looked dont didnt wasnt isnt cant wont thats theres hes shes mr mrs ms dr
    monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    spokesman spokeswoman statement report reports reported officials official around great good better best
    lot lots thing things way ways end ends side sides left right high low long short big small large little
    based held help helped called calls call able expected expect added adding continue continued move moved
    plans plan planned set sets work works worked working run runs running play plays played playing point
    points bring brought keep kept believe believed says would could should might there another whether
    however although because against between without within around across during before after
    """.split()
)
