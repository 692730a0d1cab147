"""English: at least / more than / about, by 2022, from 16 % to 25 %, respectively, billion."""

from mic2025.extract.patterns import Lexicon

LEXICON = Lexicon(
    lang="en",
    prefix_comparators={
        "at least": ">=", "no less than": ">=", "not less than": ">=", "a minimum of": ">=",
        "more than": ">", "over": ">", "above": ">", "exceeding": ">", "in excess of": ">",
        "about": "~", "around": "~", "approximately": "~", "roughly": "~", "nearly": "~",
        "close to": "~", "some": "~", "at most": "<=", "no more than": "<=", "not more than": "<=",
        "up to": "<=", "a maximum of": "<=", "less than": "<", "below": "<", "fewer than": "<",
    },  # fmt: skip
    suffix_comparators={"or more": ">=", "or above": ">=", "or less": "<=", "or below": "<="},
    percent=("%", "percent", "per cent"),
    points=("percentage points", "percentage point", "pp", "points"),
    currencies={"dollars": "usd", "dollar": "usd", "US$": "usd", "USD": "usd", "$": "usd",
                "yuan": "yuan", "RMB": "yuan", "CNY": "yuan", "yen": "jpy", "JPY": "jpy",
                "won": "krw", "KRW": "krw", "rupees": "inr", "Rs": "inr", "INR": "inr",
                "euros": "eur", "EUR": "eur"},
    decrease=("reduce", "reduced", "reducing", "reduction", "cut", "decrease", "decreased", "lower",
              "lowered", "shorten", "shortened", "down", "decline", "fall", "drop"),
    increase=("increase", "increased", "raise", "raised", "up", "grow", "growth", "boost", "improve",
              "expand", "rise"),
    level_before=("to", "reach", "reaching", "at"),
    share_after=("of",),
    growth=("per annum", "a year", "per year", "annual average", "average annual", "annually", "each year"),
    respectively=("respectively",),
    baseline_after=("current", "currently", "now", "present"),
    past=("was", "were", "had", "has reached", "reached", "recorded", "achieved in"),
    conjunctions=("and", ",", "as well as"),
    header=("targets:", "goals:", "objectives:", "targets are", "goals are"),
)
