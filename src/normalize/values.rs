//! Values by kind: dates, lists, names, prices, ratings, durations, counts.
//!
//! Every function takes the text as the page wrote it and returns a JSON value. A value that
//! cannot be read as its kind is never guessed: it comes back as `{"raw": text, "flag": why}`,
//! so a dataset can tell a parsed value from one that needs a person to look at it. Typed
//! values are objects with a `value` and their qualifiers (`precision`, `currency`, `scale`,
//! `unit`).

use std::sync::LazyLock;

use regex::Regex;
use serde_json::{Value, json};

/// NFC, whitespace collapsed, trimmed.
pub fn text(s: &str) -> String {
    text_owned(s.to_owned())
}

/// [`text`] of an owned string, which it gives back as it is when it is already so (most
/// titles and values): no copy.
pub fn text_owned(s: String) -> String {
    let composed = match crate::chars::nfc(&s) {
        std::borrow::Cow::Owned(n) => Some(n),
        std::borrow::Cow::Borrowed(_) => None,
    };
    crate::blocks::collapse_ws_owned(composed.unwrap_or(s))
}

/// A number as JSON: whole numbers as integers (`10`, not `10.0`).
pub fn num(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn flagged(raw: &str, flag: &str) -> Value {
    json!({"raw": raw, "flag": flag})
}

/// `read` of `raw`; when that is `unparsed` and `raw` ends in a note in brackets
/// (`8.2/10 (IMDb)`, `July 20, 2016 (South Korea)`, `$29 (on sale)`), `read` of what comes
/// before the note, if that reads. The note stays in the raw text beside the value.
fn noted(raw: &str, read: impl Fn(&str) -> Value) -> Value {
    let v = read(raw);
    if v.get("flag").and_then(Value::as_str) != Some("unparsed") {
        return v;
    }
    let t = raw.trim_end();
    let Some(head) = t
        .strip_suffix(')')
        .and_then(|t| t.rfind(" (").map(|i| t[..i].trim_end()))
        .filter(|h| !h.trim().is_empty())
    else {
        return v;
    };
    // What comes before the note is not empty, so it reads as a value or is flagged.
    let w = read(head);
    if w.get("flag").is_some() { v } else { w }
}

// ---------------------------------------------------------------------------------------------
// Dates

/// Month names in English, German, French, Spanish, Italian, Dutch and Portuguese, by the
/// prefix that identifies them (at least three letters).
const MONTHS: &[(&str, u32)] = &[
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("may", 5),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("mär", 3),
    ("mai", 5),
    ("okt", 10),
    ("dez", 12),
    ("janv", 1),
    ("fév", 2),
    ("fev", 2),
    ("mars", 3),
    ("avr", 4),
    ("juin", 6),
    ("juil", 7),
    ("aoû", 8),
    ("aou", 8),
    ("déc", 12),
    ("ene", 1),
    ("abr", 4),
    ("ago", 8),
    ("dic", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("gen", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("mrt", 3),
    ("mei", 5),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("juni", 6),
    ("juli", 7),
    ("augustus", 8),
    ("oktober", 10),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
    ("out", 10),
    ("set", 9),
];

fn month(word: &str) -> Option<u32> {
    let w: String = word.trim_end_matches('.').to_lowercase();
    if w.chars().count() < 3 || !w.chars().all(char::is_alphabetic) {
        return None;
    }
    // The longest matching prefix wins ("mars" before "mar", "juni" before "jun").
    MONTHS
        .iter()
        .filter(|(p, _)| p.as_bytes()[0] == w.as_bytes()[0] && w.starts_with(p))
        .max_by_key(|(p, _)| p.len())
        .map(|&(_, m)| m)
}

/// Seasons, as ISO 8601-2 season codes (21 spring, 22 summer, 23 autumn, 24 winter).
const SEASONS: &[(&str, u32)] = &[
    ("spring", 21),
    ("summer", 22),
    ("autumn", 23),
    ("fall", 23),
    ("winter", 24),
    ("frühling", 21),
    ("frühjahr", 21),
    ("sommer", 22),
    ("herbst", 23),
    ("printemps", 21),
    ("été", 22),
    ("automne", 23),
    ("hiver", 24),
    ("primavera", 21),
    ("verano", 22),
    ("otoño", 23),
    ("invierno", 24),
];

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?(?:[T ][0-9:.+Z-]*)?$").unwrap()
});
static YEAR_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([0-9]{4})(?:\s*([–—-])\s*([0-9]{4}|[0-9]{2}|present|now|today|heute)?)?$")
        .unwrap()
});
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{1,2})([./-])([0-9]{1,2})[./-]([0-9]{2}|[0-9]{4})$").unwrap()
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(ago|yesterday|today|tomorrow|last (week|month|year)|next (week|month|year)|vor [0-9]+|gestern|heute|il y a|hier|hace [0-9]+|ayer|fa [0-9]+|ieri)\b").unwrap()
});

fn ymd(y: i64, m: u32, d: u32) -> Option<String> {
    let days = [
        31,
        if y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) {
            29
        } else {
            28
        },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d == 0 || d > days[m as usize - 1] || !(1000..=2999).contains(&y) {
        return None;
    }
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

fn year_of(s: &str) -> Option<i64> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
        .filter(|y| (1000..=2999).contains(y))
}

/// A date at the precision the page gave, or the raw text flagged `relative`, `ambiguous`
/// or `unparsed` ([`noted`]: a note in brackets after it is left out).
pub fn date(raw: &str) -> Value {
    noted(raw, date_alone)
}

fn date_alone(raw: &str) -> Value {
    let s = text(raw);
    if s.is_empty() {
        return Value::Null;
    }
    // Year first (`2013.01.24`) only under a date's key: elsewhere `2019.3.1` is as likely a
    // version number ([`sniff`]).
    if let Some(v) = dated(raw, &s).or_else(|| year_first(&s)) {
        return v;
    }
    if RELATIVE.is_match(&s) {
        return flagged(raw, "relative");
    }
    flagged(raw, "unparsed")
}

/// [`date`] of `s` (`raw` as [`text`] gives it, not empty), or `None` when it is no date
/// that [`date`] would read: then it is flagged relative or unparsed.
fn dated(raw: &str, s: &str) -> Option<Value> {
    let digit_first = s.starts_with(|c: char| c.is_ascii_digit());
    if digit_first
        && s.len() >= 7
        && s.as_bytes()[4] == b'-'
        && let Some(c) = ISO.captures(s)
    {
        let y: i64 = c[1].parse().unwrap();
        let m: u32 = c[2].parse().unwrap();
        return Some(match c.get(3) {
            Some(d) => match ymd(y, m, d.as_str().parse().unwrap()) {
                Some(v) => json!({"value": v, "precision": "day"}),
                None => flagged(raw, "unparsed"),
            },
            None if (1..=12).contains(&m) => {
                json!({"value": format!("{y:04}-{m:02}"), "precision": "month"})
            }
            None => flagged(raw, "unparsed"),
        });
    }
    // A year alone, the most common date by far, is read as [`YEAR_RANGE`] reads it.
    if let Some(y) = year_of(s) {
        return Some(json!({"value": y.to_string(), "precision": "year"}));
    }
    if digit_first && let Some(c) = YEAR_RANGE.captures(s) {
        let y = year_of(&c[1]);
        return Some(match (y, c.get(2), c.get(3)) {
            (Some(y), None, _) => json!({"value": y.to_string(), "precision": "year"}),
            (Some(y), Some(_), None) => {
                json!({"value": y.to_string(), "end": null, "precision": "year"})
            }
            (Some(y), Some(_), Some(e)) => {
                let end = match e.as_str() {
                    e if e.len() == 4 => year_of(e).map(|v| Value::String(v.to_string())),
                    e if e.len() == 2 => Some(Value::String(format!("{}{e}", y / 100))),
                    _ => Some(Value::Null),
                };
                match end {
                    Some(end) => json!({"value": y.to_string(), "end": end, "precision": "year"}),
                    None => flagged(raw, "unparsed"),
                }
            }
            _ => flagged(raw, "unparsed"),
        });
    }
    if digit_first && let Some(c) = NUMERIC.captures(s) {
        return Some(numeric_date(raw, &c));
    }
    words_date(s)
}

/// Dates written year first, as in East Asia: `2013.01.24`, `2013/1/24`, `2013-1-24`,
/// `2013. 1. 24.` (Korean), `2013年1月24日` (Japanese, Chinese), `2013년 1월 24일` (Korean),
/// and with the units the month or the year alone (`2013年1月`, `2013년`). With `.`, `/` or
/// `-` the day is needed: `2011/12` may be a season of two years. `None` for anything else,
/// or a day that is not in its month.
fn year_first(s: &str) -> Option<Value> {
    let y = year_of(s.get(..4)?)?;
    let mut rest = &s[4..];
    // What follows the year says the style: the units 年月日 or 년월일 after each number, or
    // a punctuation mark between them, the same mark twice.
    enum Style {
        Units(&'static str, &'static str),
        Mark(u8),
    }
    let (style, after) = if let Some(r) = rest.strip_prefix('年') {
        (Style::Units("月", "日"), r)
    } else if let Some(r) = rest.trim_start().strip_prefix('년') {
        (Style::Units("월", "일"), r)
    } else {
        let m = *rest.as_bytes().first()?;
        if !matches!(m, b'.' | b'/' | b'-') {
            return None;
        }
        (Style::Mark(m), &rest[1..])
    };
    rest = after;
    // One or two digits, after the spaces Korean puts after each unit or dot (none after
    // `/` or `-`): the number and the bytes read.
    let number = |t: &str| -> Option<(u32, usize)> {
        let digits = t.trim_start();
        let skip = t.len() - digits.len();
        let n = digits.bytes().take_while(u8::is_ascii_digit).count();
        if !(1..=2).contains(&n) || (skip > 0 && matches!(style, Style::Mark(b'/' | b'-'))) {
            return None;
        }
        Some((digits[..n].parse().ok()?, skip + n))
    };
    let (month, day) = match style {
        Style::Units(month_unit, day_unit) => {
            if rest.trim().is_empty() {
                return Some(json!({"value": y.to_string(), "precision": "year"}));
            }
            let (m, used) = number(rest)?;
            rest = rest[used..].trim_start().strip_prefix(month_unit)?;
            if rest.trim().is_empty() {
                (m, None)
            } else {
                let (d, used) = number(rest)?;
                rest = rest[used..].trim_start().strip_prefix(day_unit)?;
                (m, Some(d))
            }
        }
        Style::Mark(mark) => {
            let (m, used) = number(rest)?;
            rest = rest[used..].strip_prefix(char::from(mark))?;
            let (d, used) = number(rest)?;
            rest = &rest[used..];
            if mark == b'.' {
                rest = rest.strip_suffix('.').unwrap_or(rest);
            }
            (m, Some(d))
        }
    };
    if !rest.trim().is_empty() {
        return None;
    }
    match day {
        Some(d) => ymd(y, month, d).map(|v| json!({"value": v, "precision": "day"})),
        None if (1..=12).contains(&month) => {
            Some(json!({"value": format!("{y:04}-{month:02}"), "precision": "month"}))
        }
        None => None,
    }
}

/// `24.01.2013` (dots: day first, as written across Europe), `24/01/2013`, `01/24/2013`.
/// When both readings are valid and differ (`03/04/2013`), the date is ambiguous.
fn numeric_date(raw: &str, c: &regex::Captures) -> Value {
    let a: u32 = c[1].parse().unwrap();
    let b: u32 = c[3].parse().unwrap();
    let Some(y) = year_of(&c[4]) else {
        return flagged(raw, "ambiguous");
    };
    let dmy = ymd(y, b, a);
    let mdy = ymd(y, a, b);
    let v = match (&c[2], dmy, mdy) {
        (".", Some(d), _) => Some(d),
        (_, Some(d), None) => Some(d),
        (_, None, Some(d)) => Some(d),
        (_, Some(d), Some(e)) if d == e => Some(d),
        (_, Some(_), Some(_)) => return flagged(raw, "ambiguous"),
        _ => None,
    };
    match v {
        Some(v) => json!({"value": v, "precision": "day"}),
        None => flagged(raw, "unparsed"),
    }
}

/// Dates with month or season names: `January 24, 2013`, `24 Jan 2013`, `24. Januar 2013`,
/// `24 de enero de 2013`, `Monday, 1er mars 2021`, `March 2020`, `Spring 2024`.
fn words_date(s: &str) -> Option<Value> {
    // Words are read one at a time: most values are prose, and fail at their first word.
    let words = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| w.trim_matches(|c: char| c == '.' || c == ','))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .filter(|w| {
            !matches!(
                w.as_str(),
                "de" | "del" | "le" | "the" | "of" | "am" | "den"
            )
        });
    let mut day = None;
    let mut mon = None;
    let mut year = None;
    let mut season = None;
    for w in words {
        let w = w.as_str();
        let digits = w.trim_end_matches(|c: char| c.is_alphabetic());
        if let Some(y) = year_of(w) {
            if year.replace(y).is_some() {
                return None;
            }
        } else if !digits.is_empty()
            && digits.len() <= 2
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            // `24`, `1st`, `1er`, `24th`
            if day.replace(digits.parse::<u32>().ok()?).is_some() {
                return None;
            }
        } else if let Some(m) = month(w) {
            if mon.replace(m).is_some() {
                return None;
            }
        } else if let Some(&(_, code)) = SEASONS.iter().find(|(n, _)| *n == w) {
            season = Some(code);
        } else if is_weekday(w) {
            continue;
        } else {
            return None;
        }
    }
    let y = year?;
    match (day, mon, season) {
        (Some(d), Some(m), None) => ymd(y, m, d).map(|v| json!({"value": v, "precision": "day"})),
        (None, Some(m), None) => {
            Some(json!({"value": format!("{y:04}-{m:02}"), "precision": "month"}))
        }
        (None, None, Some(code)) => {
            Some(json!({"value": format!("{y:04}-{code}"), "precision": "season"}))
        }
        _ => None,
    }
}

fn is_weekday(w: &str) -> bool {
    const DAYS: &[&str] = &[
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ];
    DAYS.iter().any(|d| w.starts_with(d))
}

// ---------------------------------------------------------------------------------------------
// Lists and names

static LIST_SEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:,\s*(?:and|&|und|et|y|e)\s+|[,;]|\s/\s|\s+&\s+|\s+and\s+|\s+und\s+)\s*")
        .unwrap()
});

/// Split a list on commas, semicolons, " / ", " & " and " and ", never inside a name
/// (`Kim Ji-Hwan`, `AT&T`, `AC/DC`).
pub fn list(raw: &str) -> Vec<String> {
    let s = text(raw);
    LIST_SEP
        .split(&s)
        .map(|p| p.trim().trim_end_matches('.').trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A person's name with stray spaces mended: `Kang- Je-Gyu` to `Kang Je-Gyu`.
pub fn name(raw: &str) -> String {
    let s = text(raw);
    // No hyphen with a space on either side (`- `, ` -`): nothing to mend.
    let b = s.as_bytes();
    if !memchr::memchr_iter(b'-', b)
        .any(|i| b.get(i + 1) == Some(&b' ') || i > 0 && b[i - 1] == b' ')
    {
        return s.trim_end_matches(['.', ',', ';']).trim().to_string();
    }
    let s = crate::names::mend_hyphens(&s);
    s.trim_end_matches(['.', ',', ';']).trim().to_string()
}

pub fn names(raw: &str) -> Vec<String> {
    list(raw)
        .iter()
        .map(|n| name(n))
        .filter(|n| !n.is_empty())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Numbers with units

/// A number as written in English or European style: `1,299.99`, `1.299,99`, `29,99`, `29.99`,
/// `1 299`. A lone separator followed by exactly three digits is a thousands separator.
pub fn number(s: &str) -> Option<f64> {
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\'' && *c != '\u{202f}')
        .collect();
    if s.is_empty()
        || !s
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let Some(last) = s.rfind(['.', ',']) else {
        return s.parse().ok();
    };
    let sep = s.as_bytes()[last] as char;
    let mixed = s.contains('.') && s.contains(',');
    let after = s.len() - last - 1;
    let decimal = if mixed {
        true
    } else if s.matches(sep).count() > 1 {
        false
    } else {
        after != 3 || s[..last] == *"0"
    };
    let normal: String = if decimal {
        s.char_indices()
            .filter_map(|(i, c)| match c {
                _ if i == last => Some('.'),
                '.' | ',' => None,
                c => Some(c),
            })
            .collect()
    } else {
        s.chars().filter(|c| c.is_ascii_digit()).collect()
    };
    normal.parse().ok()
}

const CURRENCIES: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("A$", "AUD"),
    ("AU$", "AUD"),
    ("C$", "CAD"),
    ("CA$", "CAD"),
    ("NZ$", "NZD"),
    ("HK$", "HKD"),
    ("S$", "SGD"),
    ("R$", "BRL"),
    ("MX$", "MXN"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("円", "JPY"),
    ("元", "CNY"),
    ("RMB", "CNY"),
    ("₹", "INR"),
    ("Rs.", "INR"),
    ("Rs", "INR"),
    ("RM", "MYR"),
    ("Rp", "IDR"),
    ("₦", "NGN"),
    ("₩", "KRW"),
    ("₽", "RUB"),
    ("₺", "TRY"),
    ("₪", "ILS"),
    ("₫", "VND"),
    ("₱", "PHP"),
    ("zł", "PLN"),
    ("Kč", "CZK"),
    ("Fr.", "CHF"),
];
const CODES: &[&str] = &[
    "USD", "EUR", "GBP", "JPY", "INR", "AUD", "CAD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK",
    "BRL", "MXN", "KRW", "CNY", "RUB", "NZD", "HKD", "SGD", "ZAR", "TRY", "HUF", "MYR", "IDR",
    "NGN", "PKR",
];

static PRICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<pre>[^0-9\s]{0,3}|[A-Z]{3})\s*(?P<a>[0-9][0-9.,\s]*?)(?:\s*(?P<mid>[^0-9\s–—-]{1,3}|[A-Z]{3}))?(?:\s*[–—-]\s*(?:[^0-9\s]{0,3}|[A-Z]{3})\s*(?P<b>[0-9][0-9.,]*))?\s*(?P<post>[^0-9\s]{0,3}|[A-Z]{3})?\.?$").unwrap()
});

/// The currency the sign `¥` (and `￥`) stands for on a page in language `lang`: the yuan on
/// a page in Chinese, the yen elsewhere.
pub fn yen_sign(lang: Option<&str>) -> &'static str {
    let chinese = lang.is_some_and(|l| l.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("zh")));
    if chinese { "CNY" } else { "JPY" }
}

fn currency(sym: &str, yen: &'static str) -> Option<&'static str> {
    let sym = sym.trim();
    if sym.is_empty() {
        return None;
    }
    if matches!(sym, "¥" | "￥") {
        return Some(yen);
    }
    if let Some(code) = CODES.iter().find(|c| c.eq_ignore_ascii_case(sym)) {
        return Some(code);
    }
    CURRENCIES.iter().find(|(s, _)| *s == sym).map(|(_, c)| *c)
}

/// `$29.99` to `{"value": 29.99, "currency": "USD"}`; `29,99 €` to EUR; `$10–$20` gives a
/// `max`. `$` alone is read as US dollars, and `¥` as yen ([`price_in`] says otherwise).
pub fn price(raw: &str) -> Value {
    price_in(raw, "JPY")
}

/// [`price`] on a page where `¥` is the currency `yen` ([`yen_sign`]).
pub fn price_in(raw: &str, yen: &'static str) -> Value {
    noted(raw, |t| price_alone(t, yen))
}

/// The words of magnitude that may follow a price's number (`$3.9 million`, `€2m`, `$45k`,
/// `3,9 Mio. €`, `$1.5bn`), in lowercase, what each multiplies by, and whether it is a word
/// of the languages that write a decimal comma (German `Mio.`, `Mrd.`, French `milliards`):
/// before those a lone comma is a decimal comma whatever follows it (`2,799 Mrd. €` is 2.799
/// billion), where in English `$1,500 million` is fifteen hundred million.
const MAGNITUDES: &[(&str, f64, bool)] = &[
    ("k", 1e3, false),
    ("thousand", 1e3, false),
    ("m", 1e6, false),
    ("mn", 1e6, false),
    ("mio", 1e6, true),
    ("million", 1e6, false),
    ("millions", 1e6, false),
    ("b", 1e9, false),
    ("bn", 1e9, false),
    ("billion", 1e9, false),
    ("billions", 1e9, false),
    ("mrd", 1e9, true),
    ("milliard", 1e9, true),
    ("milliards", 1e9, true),
    ("milliarde", 1e9, true),
    ("milliarden", 1e9, true),
    ("tn", 1e12, false),
    ("trillion", 1e12, false),
    ("trillions", 1e12, false),
];

/// A word of magnitude after a number: what it multiplies by, and whether a lone comma
/// before it is a decimal comma ([`MAGNITUDES`]).
#[derive(Clone, Copy)]
struct Scale {
    by: f64,
    comma: bool,
}

const UNSCALED: Scale = Scale {
    by: 1.0,
    comma: false,
};

/// The words of magnitude in `s`, each right after a digit (blanks between): for each, the
/// end of its digit, where the word and a dot after it end, and its scale.
fn magnitudes(s: &str) -> Vec<(usize, usize, Scale)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    for (i, _) in b.iter().enumerate().filter(|(_, c)| c.is_ascii_digit()) {
        if b.get(i + 1).is_some_and(u8::is_ascii_digit) {
            continue;
        }
        let start = i
            + 1
            + b[i + 1..]
                .iter()
                .take_while(|c| c.is_ascii_whitespace())
                .count();
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .count();
        // A whole word: not the start of a longer one (`5 mo`, `3 kg`, `5 mé`, `5 m2`).
        if len == 0 || s[start + len..].starts_with(char::is_alphanumeric) {
            continue;
        }
        let word = &s[start..start + len];
        if let Some(&(_, by, comma)) = MAGNITUDES
            .iter()
            .find(|(w, ..)| w.eq_ignore_ascii_case(word))
        {
            let end = start + len + usize::from(b.get(start + len) == Some(&b'.'));
            out.push((i + 1, end, Scale { by, comma }));
        }
    }
    out
}

/// `a` times `m`, rid of the binary fraction's noise (`3.9 × 10⁶` is 3900000, not
/// 3899999.9999999995).
fn scaled(a: f64, m: f64) -> f64 {
    let v = a * m;
    if (v - v.round()).abs() < 1e-6 {
        v.round()
    } else {
        v
    }
}

/// The [`number`] before a word of magnitude: there a lone point is a decimal point
/// whatever follows it (`$2.799 billion` is 2.799 of them, not 2799). Before a word that goes
/// with a decimal comma the roles swap: a lone comma is the decimal (`2,799 Mrd.`), and a
/// point is read as [`number`] reads it (`1.200 Mio.` is 1,200 of them).
fn scaled_number(s: &str, m: Scale) -> Option<f64> {
    let t = s.trim();
    if m.by != 1.0 {
        let (point, comma) = (t.matches('.').count(), t.matches(',').count());
        if point == 1 && comma == 0 && !m.comma {
            return t.parse().ok();
        }
        if m.comma
            && comma == 1
            && point == 0
            && let Ok(v) = t.replacen(',', ".", 1).parse()
        {
            return Some(v);
        }
    }
    number(s)
}

fn price_alone(raw: &str, yen: &'static str) -> Value {
    let s = text(raw);
    if s.is_empty() {
        return Value::Null;
    }
    // Words of magnitude come out before the price is read, each by where it stood: one
    // after the second number of a range scales both (`$1–2 million`), one after each number
    // scales that number (`$500k–$1M`).
    let mut scales: Vec<(usize, Scale)> = Vec::new();
    let unscaled;
    let found = magnitudes(&s);
    let s = if found.is_empty() {
        &s
    } else {
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for (digit_end, end, m) in found {
            out.push_str(&s[last..digit_end]);
            scales.push((out.len(), m));
            last = end;
        }
        out.push_str(&s[last..]);
        unscaled = out;
        &unscaled
    };
    let Some(c) = PRICE.captures(s) else {
        return flagged(raw, "unparsed");
    };
    let (a_end, b_end) = (
        c["a"].trim_end().len() + c.name("a").unwrap().start(),
        c.name("b").map(|b| b.end()),
    );
    let (scale_a, scale_b) = match (scales.as_slice(), b_end) {
        ([], _) => (UNSCALED, UNSCALED),
        ([(at, m)], None) if *at == a_end => (*m, *m),
        ([(at, m)], Some(b)) if *at == b => (*m, *m),
        ([(x, m), (y, n)], Some(b)) if *x == a_end && *y == b => (*m, *n),
        _ => return flagged(raw, "unparsed"),
    };
    let cur = [c.name("pre"), c.name("mid"), c.name("post")]
        .into_iter()
        .flatten()
        .filter(|m| !m.as_str().trim().is_empty())
        .map(|m| currency(m.as_str(), yen))
        .collect::<Vec<_>>();
    if cur.iter().any(Option::is_none) || cur.is_empty() {
        return flagged(raw, "unparsed");
    }
    let Some(value) = scaled_number(&c["a"], scale_a) else {
        return flagged(raw, "unparsed");
    };
    let mut out = json!({"value": num(scaled(value, scale_a.by)), "currency": cur[0]});
    if let Some(b) = c.name("b").and_then(|b| scaled_number(b.as_str(), scale_b)) {
        out["max"] = num(scaled(b, scale_b.by));
    }
    out
}

static RATING_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([0-9]+(?:[.,][0-9]+)?)\s*(?:/|out of|of|von|sur|su|de)\s*([0-9]+(?:[.,][0-9]+)?)(?:\s*(?:stars?|sterne|étoiles|points?))?\.?$").unwrap()
});
static RATING_STARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([0-9]+(?:[.,][0-9]+)?)\s*(?:stars?|sterne|étoiles|estrellas)\.?$").unwrap()
});
static RATING_PCT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]+(?:[.,][0-9]+)?)\s*%$").unwrap());

/// `8.5/10` and `4 out of 5 stars` to `{"value": 8.5, "scale": 10}`; `4.5 stars` is out of 5;
/// `85%` is out of 100; `★★★★☆` is 4 out of 5.
pub fn rating(raw: &str) -> Value {
    noted(raw, rating_alone)
}

fn rating_alone(raw: &str) -> Value {
    let s = text(raw);
    if s.is_empty() {
        return Value::Null;
    }
    let parse = |t: &str| t.replace(',', ".").parse::<f64>().ok();
    if let Some(c) = RATING_OF.captures(&s) {
        if let (Some(v), Some(k)) = (parse(&c[1]), parse(&c[2]))
            && k > 0.0
            && v <= k
        {
            return json!({"value": num(v), "scale": num(k)});
        }
        return flagged(raw, "unparsed");
    }
    if let Some(c) = RATING_STARS.captures(&s)
        && let Some(v) = parse(&c[1]).filter(|v| *v <= 5.0)
    {
        return json!({"value": num(v), "scale": 5});
    }
    if let Some(c) = RATING_PCT.captures(&s)
        && let Some(v) = parse(&c[1]).filter(|v| *v <= 100.0)
    {
        return json!({"value": num(v), "scale": 100});
    }
    let full = s.chars().filter(|&c| c == '★').count();
    let empty = s.chars().filter(|&c| c == '☆').count();
    if full + empty > 0
        && s.chars()
            .all(|c| c == '★' || c == '☆' || c == '½' || c.is_whitespace())
    {
        let half = if s.contains('½') { 0.5 } else { 0.0 };
        let scale = if empty > 0 {
            full + empty + usize::from(half > 0.0)
        } else {
            5
        };
        return json!({"value": num(full as f64 + half), "scale": scale});
    }
    flagged(raw, "unparsed")
}

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:([0-9]+(?:[.,][0-9]+)?)\s*(?:h|hrs?|hours?|std\.?|stunden?|heures?|horas?)\.?)?\s*(?:([0-9]+)\s*(?:m|mins?|minutes?|minuten?|minutos?)\.?)?$").unwrap()
});
static HHMM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([0-9]{1,2})h([0-9]{2})$").unwrap());

/// `2h 10m`, `130 min`, `1 hr 45 mins`, `2 hours`, `1h30` to `{"value": 130, "unit": "min"}`.
pub fn duration(raw: &str) -> Value {
    noted(raw, duration_alone)
}

fn duration_alone(raw: &str) -> Value {
    let s = text(raw);
    if s.is_empty() {
        return Value::Null;
    }
    if let Some(c) = HHMM.captures(&s) {
        let m = c[1].parse::<u64>().unwrap() * 60 + c[2].parse::<u64>().unwrap();
        return json!({"value": m, "unit": "min"});
    }
    if let Some(c) = DURATION.captures(&s) {
        if c.get(1).is_none() && c.get(2).is_none() {
            return flagged(raw, "unparsed");
        }
        let h = c
            .get(1)
            .and_then(|h| h.as_str().replace(',', ".").parse::<f64>().ok())
            .unwrap_or(0.0);
        let m = c
            .get(2)
            .and_then(|m| m.as_str().parse::<f64>().ok())
            .unwrap_or(0.0);
        let total = h * 60.0 + m;
        return json!({"value": total.round() as u64, "unit": "min"});
    }
    flagged(raw, "unparsed")
}

static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^([0-9]{1,5})(?:\s*[-–]?\s*(?:episodes?|eps?\.?|folgen|épisodes|episodios|parts?))?$",
    )
    .unwrap()
});

warm!(
    COUNT,
    DURATION,
    HHMM,
    ISO,
    LIST_SEP,
    NUMERIC,
    PRICE,
    RATING_OF,
    RATING_PCT,
    RATING_STARS,
    RELATIVE,
    YEAR_RANGE
);

/// `12` or `12 episodes` to 12; a word instead of a number (`Movie`) gives
/// `{"raw": "Movie", "kind": "movie"}`.
pub fn count(raw: &str) -> Value {
    noted(raw, count_alone)
}

fn count_alone(raw: &str) -> Value {
    let s = text(raw);
    if s.is_empty() {
        return Value::Null;
    }
    if let Some(c) = COUNT.captures(&s) {
        return json!(c[1].parse::<u64>().unwrap());
    }
    if s.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && s.split_whitespace().count() <= 2
    {
        return json!({"raw": s, "kind": s.to_lowercase()});
    }
    flagged(raw, "unparsed")
}

/// For a key the table does not know: a value that is unmistakably a date, a price or a
/// rating is typed; anything else is text.
pub fn sniff(raw: &str) -> Value {
    sniff_in(raw, "JPY")
}

/// [`sniff`] on a page where `¥` is the currency `yen` ([`yen_sign`]).
pub fn sniff_in(raw: &str, yen: &'static str) -> Value {
    let s = text(raw);
    if s.is_empty() {
        return Value::Null;
    }
    // A relative date ("3 days ago") has no value, so its (slow) test is not run here.
    if let Some(d) = dated(&s, &s)
        && d.get("value").is_some()
        && d["precision"] != "year"
    {
        return d;
    }
    if s.starts_with(|c: char| !c.is_ascii_digit() && !c.is_alphabetic())
        || s.ends_with(['€', '£', '$'])
    {
        let p = price_in(&s, yen);
        if p.get("value").is_some() {
            return p;
        }
    }
    if RATING_OF.is_match(&s) && s.contains('/') {
        let r = rating(&s);
        if r.get("value").is_some() {
            return r;
        }
    }
    Value::String(s)
}
