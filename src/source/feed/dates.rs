//! Dates as feeds write them. ISO 8601 and its profiles (RFC 3339, W3C-DTF, with or without a
//! time, seconds or zone, a year or a month alone, the basic form without separators), and
//! the RFC 822 family in every spelling seen (a weekday or none, names of months short or
//! long in any case, two-digit years, named and military zones, no zone, day and month in
//! either order, `asctime`'s order, `am`/`pm`). A date without a zone is UTC; without a time,
//! its midnight. What cannot be read is no date, never an error.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};

/// The instant a feed's date names, if it can be read.
pub fn parse_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() || text.len() > 100 {
        return None;
    }
    iso(text).or_else(|| in_words(text))
}

/// A date and time of day with its offset from UTC in minutes; an hour of 24 is the
/// midnight that starts the day, as careless feeds write it.
fn instant(date: NaiveDate, time: (u32, u32, u32, u32), offset: i64) -> Option<DateTime<Utc>> {
    let (hour, minute, second, nanos) = time;
    let hour = if hour == 24 && minute == 0 && second == 0 {
        0
    } else {
        hour
    };
    // A leap second is the last second of its minute.
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second.min(59), nanos)?;
    let local = NaiveDateTime::new(date, time);
    Some((local - Duration::minutes(offset)).and_utc())
}

/// ISO 8601: `2026-11-30`, `2026-11`, `2026`, `2026-11-30T08:15:00.5+01:00`, `2026-11-30
/// 08:15Z`, `20261130T081500Z`, `2026/11/30 08:15:00`.
fn iso(text: &str) -> Option<DateTime<Utc>> {
    let mut scan = Scan::new(text);
    let year = scan.number(4, 4)?;
    let separator = scan.take_if(|c| c == '-' || c == '/');
    let basic = separator.is_none() && scan.peek().is_some_and(|c| c.is_ascii_digit());
    let (mut month, mut day) = (1, 1);
    if separator.is_some() || basic {
        month = scan.number(2, if basic { 2 } else { 1 })?;
        let second = if basic {
            None
        } else {
            scan.take_if(|c| Some(c) == separator)
        };
        if second.is_some() || (basic && scan.peek().is_some_and(|c| c.is_ascii_digit())) {
            day = scan.number(2, if basic { 2 } else { 1 })?;
        }
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let mut time = (0, 0, 0, 0);
    if scan.take_if(|c| c == 'T' || c == 't' || c == ' ').is_some()
        && scan.peek().is_some_and(|c| c.is_ascii_digit())
    {
        let hour = scan.number(2, 1)?;
        let colon = scan.take_if(|c| c == ':').is_some();
        let minute = scan.number(2, 2)?;
        let mut second = 0;
        if (colon && scan.take_if(|c| c == ':').is_some())
            || (!colon && scan.peek().is_some_and(|c| c.is_ascii_digit()))
        {
            second = scan.number(2, 2)?;
        }
        let nanos = scan.fraction();
        time = (hour, minute, second, nanos);
    }
    scan.skip_spaces();
    let offset = if scan.done() {
        0
    } else {
        let offset = zone(scan.rest())?;
        scan.finish();
        offset
    };
    scan.done().then_some(())?;
    instant(date, time, offset)
}

/// The RFC 822 family and its relatives, read word by word: a month named in English, a day,
/// a year, a time `hh:mm[:ss]`, perhaps `am` or `pm`, perhaps a zone; weekdays and commas
/// are passed over.
fn in_words(text: &str) -> Option<DateTime<Utc>> {
    let (mut month, mut numbers, mut time, mut offset, mut meridian) =
        (None, Vec::new(), None, None, None);
    let words = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    for word in words {
        let lower = word.trim_end_matches('.').to_ascii_lowercase();
        if let Some(number) = month_of(&lower) {
            month = month.or(Some(number));
        } else if is_weekday(&lower) || lower == "at" {
        } else if lower == "am" || lower == "a.m" || lower == "pm" || lower == "p.m" {
            meridian = Some(lower.starts_with('p'));
        } else if word.contains(':') && time.is_none() {
            let (clock, zone_after) = split_time(word);
            time = Some(clock_of(clock)?);
            if !zone_after.is_empty() {
                offset = Some(zone(zone_after)?);
            }
        } else if word.bytes().all(|b| b.is_ascii_digit()) {
            numbers.push(word);
        } else if let Some(found) = zone(word) {
            offset = offset.or(Some(found));
        } else if let Some(day) = lower
            .strip_suffix("st")
            .or(lower.strip_suffix("nd"))
            .or(lower.strip_suffix("rd"))
            .or(lower.strip_suffix("th"))
            && day.bytes().all(|b| b.is_ascii_digit())
            && !day.is_empty()
        {
            numbers.push(&word[..day.len()]);
        } else {
            return None;
        }
    }
    let month = month?;
    let (day, year) = match numbers.as_slice() {
        [day, year] if day.len() <= 2 => (day.parse().ok()?, year_of(year)?),
        [year, day] if year.len() == 4 => (day.parse().ok()?, year_of(year)?),
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let (mut hour, minute, second) = time.unwrap_or((0, 0, 0));
    match meridian {
        Some(true) if hour < 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    instant(date, (hour, minute, second, 0), offset.unwrap_or(0))
}

/// `08:15:00+0100` as the time and what follows it.
fn split_time(word: &str) -> (&str, &str) {
    let end = word
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(word.len());
    word.split_at(end)
}

/// `8:15`, `08:15:00`, `08:15:00.25`.
fn clock_of(clock: &str) -> Option<(u32, u32, u32)> {
    let mut parts = clock.split(':');
    let hour = parts.next()?.parse().ok()?;
    let minute = parts.next()?.parse().ok()?;
    let second = match parts.next() {
        Some(second) => second.split('.').next()?.parse().ok()?,
        None => 0,
    };
    (parts.next().is_none() && hour <= 24 && minute < 60 && second <= 60)
        .then_some((hour, minute, second))
}

/// A four-digit year, or two digits as RFC 2822 reads them.
fn year_of(text: &str) -> Option<i32> {
    let year: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(year),
        2 => Some(if year < 50 { 2000 + year } else { 1900 + year }),
        _ => None,
    }
}

fn month_of(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let number = MONTHS.iter().position(|m| word.starts_with(m))?;
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][number];
    // `Sept` is a common spelling of its own.
    (full.starts_with(word) || word == "sept").then(|| number as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    word.len() >= 2
        && DAYS
            .iter()
            .any(|day| day.starts_with(word) || word.starts_with(day))
        || matches!(word, "tues" | "thur" | "thurs" | "weds")
}

/// An offset from UTC in minutes: `Z`, `+01:00`, `+0100`, `+01`, `GMT`, `UTC+2`, `EST`, or a
/// military letter.
fn zone(text: &str) -> Option<i64> {
    let text = text.trim();
    let upper = text.to_ascii_uppercase();
    let named = match upper.as_str() {
        "Z" | "UT" | "UTC" | "GMT" | "WET" => Some(0),
        "BST" | "CET" | "MET" | "WEST" => Some(60),
        "CEST" | "EET" | "MEST" => Some(120),
        "EEST" | "MSK" => Some(180),
        "IST" => Some(330),
        "JST" | "KST" => Some(540),
        "AEST" => Some(600),
        "AEDT" => Some(660),
        "NZST" => Some(720),
        "NZDT" => Some(780),
        "AST" | "EDT" => Some(-240),
        "ADT" => Some(-180),
        "EST" | "CDT" => Some(-300),
        "CST" | "MDT" => Some(-360),
        "MST" | "PDT" => Some(-420),
        "PST" | "AKDT" => Some(-480),
        "AKST" => Some(-540),
        "HST" => Some(-600),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    if let [letter] = upper.as_bytes()
        && letter.is_ascii_uppercase()
        && *letter != b'J'
    {
        let hours = match letter {
            b'A'..=b'I' => i64::from(letter - b'A' + 1),
            b'K'..=b'M' => i64::from(letter - b'K' + 10),
            b'N'..=b'Y' => -i64::from(letter - b'N' + 1),
            _ => 0,
        };
        return Some(hours * 60);
    }
    let signed = upper
        .strip_prefix("GMT")
        .or_else(|| upper.strip_prefix("UTC"))
        .unwrap_or(&upper);
    let (sign, digits) = if let Some(digits) = signed.strip_prefix('+') {
        (1, digits)
    } else if let Some(digits) = signed.strip_prefix(['-', '\u{2212}']) {
        (-1, digits)
    } else {
        return None;
    };
    let digits: String = digits.chars().filter(|&c| c != ':').collect();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (hours, minutes): (i64, i64) = match digits.len() {
        1 | 2 => (digits.parse().ok()?, 0),
        3 => (digits[..1].parse().ok()?, digits[1..].parse().ok()?),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    (hours <= 14 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

/// A cursor over the characters of a date written in figures.
struct Scan<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Scan<'a> {
    fn new(text: &'a str) -> Self {
        Scan { text, at: 0 }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.at..].chars().next()
    }

    fn take_if(&mut self, wanted: impl Fn(char) -> bool) -> Option<char> {
        let c = self.peek().filter(|&c| wanted(c))?;
        self.at += c.len_utf8();
        Some(c)
    }

    /// A number written in at most `most` and at least `least` digits.
    fn number(&mut self, most: usize, least: usize) -> Option<u32> {
        let digits = self.text[self.at..]
            .bytes()
            .take(most)
            .take_while(u8::is_ascii_digit)
            .count();
        if digits < least {
            return None;
        }
        let number = self.text[self.at..self.at + digits].parse().ok()?;
        self.at += digits;
        Some(number)
    }

    /// Fractions of a second, as nanoseconds.
    fn fraction(&mut self) -> u32 {
        if self.take_if(|c| c == '.' || c == ',').is_none() {
            return 0;
        }
        let digits: String = self.text[self.at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        self.at += digits.len();
        let nine: String = digits
            .chars()
            .chain(std::iter::repeat('0'))
            .take(9)
            .collect();
        nine.parse().unwrap_or(0)
    }

    fn skip_spaces(&mut self) {
        while self.take_if(char::is_whitespace).is_some() {}
    }

    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn finish(&mut self) {
        self.at = self.text.len();
    }

    fn done(&self) -> bool {
        self.at == self.text.len()
    }
}

#[cfg(test)]
#[path = "dates_tests.rs"]
mod tests;
