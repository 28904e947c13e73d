//! Rules applied to articles as they first arrive, in the transaction that stores them: the
//! rules in force are read from the store (the config's mirrored there as it is read, see
//! [`Store::keep_config_rules`]), asked of each new row in their order, and what they say
//! is done with the row: a tag before it is written, then its read mark, its hiding, its
//! bookmark.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::columns::{TAG_SEPARATOR, parse_time, stored_time};
use super::feeds::cached_snapshot;
use super::sync_queue::{self, MarkKind};
use super::{Store, StoreError};
use crate::model::{ArticleId, Tag};
use crate::query::{self, Flag, Matcher, Rule, RuleAction, Subject};
use crate::source::words::{IndexText, unspaced};

/// The rules in force, made ready for the rows of one write.
pub(super) struct Arrival {
    rules: Vec<(Matcher, RuleAction)>,
}

/// What the rules did to the new articles of a write, for the reader that shows them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ruled {
    pub read: Vec<ArticleId>,
    pub hidden: Vec<ArticleId>,
    pub bookmarked: Vec<ArticleId>,
    /// Articles that a rule gave a tag, with their tags now.
    pub tagged: Vec<(ArticleId, Vec<Tag>)>,
}

impl Ruled {
    pub(super) fn note(&mut self, id: &ArticleId, fate: &Fate) {
        for (done, list) in [
            (fate.read, &mut self.read),
            (fate.hidden, &mut self.hidden),
            (fate.bookmarked, &mut self.bookmarked),
        ] {
            if done {
                list.push(id.clone());
            }
        }
        if let Some(tags) = &fate.tags {
            let tags = tags
                .split(TAG_SEPARATOR)
                .filter_map(Tag::from_stored)
                .collect();
            self.tagged.push((id.clone(), tags));
        }
    }

    pub fn add(&mut self, other: Ruled) {
        self.read.extend(other.read);
        self.hidden.extend(other.hidden);
        self.bookmarked.extend(other.bookmarked);
        self.tagged.extend(other.tagged);
    }

    /// `articles` as the rules left them: the hidden ones out, the tags given in.
    pub fn apply(&self, articles: &mut Vec<crate::model::Article>) {
        articles.retain(|article| !self.hidden.contains(&article.id));
        for article in articles {
            if let Some((_, tags)) = self.tagged.iter().find(|(id, _)| *id == article.id) {
                article.tags.clone_from(tags);
            }
        }
    }
}

/// What the rules made of one new article.
#[derive(Debug, Default)]
pub(super) struct Fate {
    /// Its tags, joined as the cache writes them, when a rule gave it one.
    pub tags: Option<String>,
    read: bool,
    hidden: bool,
    bookmarked: bool,
}

impl Arrival {
    /// The rules the store keeps, in their order; a rule that cannot be read is an error,
    /// never a rule left out in silence.
    pub(super) fn read(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<Arrival> {
        let mut statement =
            conn.prepare_cached("SELECT number, query, action, tag FROM rules ORDER BY number")?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut rules = Vec::new();
        for row in rows {
            let (number, text, action, tag) = row?;
            let unreadable = |detail: String| {
                rusqlite::Error::FromSqlConversionFailure(
                    1,
                    rusqlite::types::Type::Text,
                    format!("rule {number} cannot be read: {detail}").into(),
                )
            };
            let query = query::parse(&text).map_err(|error| unreadable(error.to_string()))?;
            let action = RuleAction::from_parts(&action, tag.as_deref()).map_err(unreadable)?;
            rules.push((Matcher::new(&query, now), action));
        }
        Ok(Arrival { rules })
    }

    pub(super) fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// What the rules make of a new row of the feed at `feed_url`.
    pub(super) fn judge(&self, row: &NewRow, feed_url: &str) -> Fate {
        let mut arriving = Arriving {
            row,
            feed_url,
            tags: row
                .tags
                .split(TAG_SEPARATOR)
                .filter_map(Tag::from_stored)
                .collect(),
            published: row.published.and_then(parse_time),
            fate: Fate::default(),
        };
        for (matcher, action) in &self.rules {
            if !matcher.matches(&arriving) {
                continue;
            }
            match action {
                RuleAction::Read => arriving.fate.read = true,
                RuleAction::Hide => arriving.fate.hidden = true,
                RuleAction::Bookmark => arriving.fate.bookmarked = true,
                RuleAction::Tag(tag) => {
                    let key = crate::model::TagKey::of(tag.as_str());
                    if !arriving
                        .tags
                        .iter()
                        .any(|t| crate::model::TagKey::of(t.as_str()) == key)
                    {
                        arriving.tags.push(tag.clone());
                        let joined: Vec<&str> = arriving.tags.iter().map(Tag::as_str).collect();
                        arriving.fate.tags = Some(joined.join(&TAG_SEPARATOR.to_string()));
                    }
                }
            }
        }
        arriving.fate
    }
}

/// Does what the rules said to a row just written.
pub(super) fn carry_out(
    conn: &Connection,
    id: &str,
    fate: &Fate,
    seen: &str,
) -> rusqlite::Result<()> {
    if fate.read {
        conn.execute(
            "INSERT INTO read_marks (article_id, read_at) VALUES (?1, ?2)
             ON CONFLICT (article_id) DO NOTHING",
            params![id, seen],
        )?;
        // A sync server's article: the server hears of it, as of a read by hand.
        sync_queue::queue_mark(conn, id, MarkKind::Read, true, seen)?;
    }
    if fate.hidden {
        super::queries::hide_one(conn, id, seen)?;
    }
    if fate.bookmarked
        && let Some(snapshot) = cached_snapshot(conn, id)?
    {
        let added = conn.execute(
            "INSERT INTO bookmarks (article_id, saved_at, snapshot) VALUES (?1, ?2, ?3)
             ON CONFLICT (article_id) DO NOTHING",
            params![id, seen, snapshot],
        )?;
        if added > 0 {
            sync_queue::queue_mark(conn, id, MarkKind::Starred, true, seen)?;
        }
    }
    Ok(())
}

/// A row about to be written, as the rules need it.
pub(super) struct NewRow<'a> {
    pub title: &'a str,
    pub source: &'a str,
    pub author: Option<&'a str>,
    pub url: Option<&'a str>,
    /// Its tags, joined as the cache writes them.
    pub tags: &'a str,
    /// When it was published, as the cache writes it.
    pub published: Option<&'a str>,
    /// What the search index will find it by.
    pub text: &'a IndexText,
}

/// A new row as a rule looks at it, with what the rules before made of it.
struct Arriving<'a> {
    row: &'a NewRow<'a>,
    feed_url: &'a str,
    tags: Vec<Tag>,
    published: Option<DateTime<Utc>>,
    fate: Fate,
}

impl Subject for Arriving<'_> {
    fn title(&self) -> &str {
        self.row.title
    }

    fn author(&self) -> Option<&str> {
        self.row.author
    }

    fn link(&self) -> Option<&str> {
        self.row.url
    }

    fn feed(&self) -> Option<(&str, &str)> {
        Some((self.row.source, self.feed_url))
    }

    fn tags(&self) -> &[Tag] {
        &self.tags
    }

    fn published(&self) -> Option<DateTime<Utc>> {
        self.published
    }

    fn has(&self, flag: Flag) -> bool {
        match flag {
            Flag::Unread => !self.fate.read,
            Flag::Read => self.fate.read,
            Flag::Bookmarked => self.fate.bookmarked,
            Flag::Hidden => self.fate.hidden,
            Flag::FullText => false,
        }
    }

    /// The words the search index will find it by: its title's and text's distinct words,
    /// and the pairs of a script written without spaces.
    fn has_words(&self, _term: usize, words: &[String]) -> bool {
        let index = self.row.text;
        words.iter().all(|word| {
            let chars: Vec<char> = word.chars().collect();
            if chars.first().is_some_and(|&c| unspaced(c)) {
                if chars.len() == 1 {
                    return index.words.split(' ').any(|w| w == word);
                }
                return chars.windows(2).all(|pair| {
                    let pair: String = pair.iter().collect();
                    index.grams.split(' ').any(|gram| gram == pair)
                });
            }
            query::has_words(&format!(" {}", index.words), std::slice::from_ref(word))
        })
    }
}

impl Store {
    /// Mirrors the config's rules in the store, where every refresh and sync finds them
    /// (a worker opens the store without the config); written only when they changed.
    pub fn keep_config_rules(&self, rules: &[Rule]) -> Result<(), StoreError> {
        let wanted: Vec<(String, &'static str, Option<String>)> = rules
            .iter()
            .map(|rule| {
                let tag = match &rule.action {
                    RuleAction::Tag(tag) => Some(tag.as_str().to_string()),
                    _ => None,
                };
                (rule.query.to_string(), rule.action.name(), tag)
            })
            .collect();
        let kept = self.query_all(
            "SELECT query, action, tag FROM rules WHERE origin = 'config' ORDER BY number",
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, Option<String>>(2)?,
                ))
            },
        )?;
        let same = kept.len() == wanted.len()
            && kept.iter().zip(&wanted).all(|(kept, wanted)| {
                kept.0 == wanted.0 && kept.1 == wanted.1 && kept.2 == wanted.2
            });
        if same {
            return Ok(());
        }
        let at = stored_time(Utc::now());
        self.change(|conn| {
            conn.execute("DELETE FROM rules WHERE origin = 'config'", [])?;
            let mut insert = conn.prepare_cached(
                "INSERT INTO rules (query, action, tag, origin, added_at)
                 VALUES (?1, ?2, ?3, 'config', ?4) ON CONFLICT DO NOTHING",
            )?;
            for (query, action, tag) in &wanted {
                insert.execute(params![query, action, tag, at])?;
            }
            Ok(())
        })
    }
}
