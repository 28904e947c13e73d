//! The commands on rules: `rules [--json]` (the config's, then the store's, numbered from 1),
//! `rules remove N` (a rule kept in the store), `rules apply [--dry-run]` (the rules asked
//! of the articles already stored, which they otherwise never touch).

use anyhow::bail;
use chrono::Utc;
use serde::Serialize;

use super::Sources;
use super::articles::{narrow, say_none};
use super::context::{Context, read_library};
use super::output::{emit, print_json};
use crate::model::counted;
use crate::model::library::Origin as EntryOrigin;
use crate::query::{Origin, Rule, RuleAction};
use crate::sanitize::clean_line;
use crate::store::Store;

/// The rules in force: the config's, then the store's, in the order they apply.
fn in_force(context: &Context, store: &Store) -> anyhow::Result<Vec<Rule>> {
    let mut all = context.config.rules();
    all.extend(store.rules()?);
    Ok(all)
}

#[derive(Serialize)]
struct RuleJson {
    number: usize,
    query: String,
    action: &'static str,
    tag: Option<String>,
    /// "config", "added", "newsboat" or "newsraft".
    origin: String,
}

pub fn list(context: &Context, json: bool) -> anyhow::Result<()> {
    let store = context.open_store()?;
    let rules: Vec<RuleJson> = in_force(context, &store)?
        .into_iter()
        .enumerate()
        .map(|(at, rule)| RuleJson {
            number: at + 1,
            query: rule.query.to_string(),
            action: rule.action.name(),
            tag: match &rule.action {
                RuleAction::Tag(tag) => Some(tag.as_str().to_string()),
                _ => None,
            },
            origin: rule.origin.describe(),
        })
        .collect();
    if json {
        return print_json(&rules);
    }
    if rules.is_empty() {
        say_none("no rules: [[rules]] in the config, or import a newsboat killfile");
        return Ok(());
    }
    emit(rules.iter().map(|rule| {
        let action = match &rule.tag {
            Some(tag) => format!("tag \"{tag}\""),
            None => rule.action.to_string(),
        };
        clean_line(&format!(
            "{}. {action}: {} [{}]",
            rule.number, rule.query, rule.origin
        ))
    }))
}

pub fn remove(context: &Context, number: usize) -> anyhow::Result<()> {
    let store = context.open_store()?;
    let rules = in_force(context, &store)?;
    let Some(rule) = number.checked_sub(1).and_then(|at| rules.get(at)) else {
        bail!(
            "no rule {number}: there are {} (see tidings rules)",
            rules.len()
        );
    };
    match &rule.origin {
        Origin::Config => {
            bail!("rule {number} is in the config file: remove its [[rules]] table there")
        }
        Origin::Store { number: kept, .. } => {
            store.remove_rule(*kept)?;
            emit([clean_line(&format!(
                "removed rule {number} ({}: {})",
                rule.action, rule.query
            ))])
        }
    }
}

/// Asks every rule of the articles already stored (feed articles only: rules are for what
/// feeds bring) and does what they say, unless `dry_run`; says how many each matched.
pub fn apply(context: &Context, dry_run: bool) -> anyhow::Result<()> {
    let (library, store) = read_library(context, &Sources::default())?;
    let Some(store) = store else {
        bail!("rules need the store");
    };
    let rules = in_force(context, &store)?;
    if rules.is_empty() {
        bail!("no rules to apply: [[rules]] in the config, or import a newsboat killfile");
    }
    let mut lines = Vec::new();
    for (at, rule) in rules.iter().enumerate() {
        let mut matched: Vec<usize> = library
            .order()
            .iter()
            .copied()
            .filter(|&i| {
                let entry = library.entry(i);
                entry.origin == EntryOrigin::Source && entry.feed.is_some()
            })
            .collect();
        narrow(&library, Some(&store), &rule.query, &mut matched)?;
        let ids: Vec<_> = matched
            .iter()
            .map(|&i| library.entry(i).article.id.clone())
            .collect();
        let changed = if dry_run {
            None
        } else {
            Some(match &rule.action {
                RuleAction::Read => store.set_read(&ids, true, Utc::now())?,
                RuleAction::Hide => store.hide(&ids, Utc::now())?,
                RuleAction::Tag(tag) => store.add_tag(&ids, tag)?,
                RuleAction::Bookmark => {
                    let mut saved = 0;
                    for &i in &matched {
                        let entry = library.entry(i);
                        if entry.bookmarked {
                            continue;
                        }
                        let mut article = entry.article.clone();
                        if entry.body_in_store
                            && let Some(body) = store.cached_body(&article.id)?
                        {
                            article.body = body;
                        }
                        store.add_bookmark(&article, Utc::now())?;
                        saved += 1;
                    }
                    saved
                }
            })
        };
        let done = match changed {
            Some(changed) => format!(", {changed} changed"),
            None => String::new(),
        };
        lines.push(clean_line(&format!(
            "{}. {}: {} matched {}{done}",
            at + 1,
            rule.action,
            rule.query,
            counted(ids.len(), "article")
        )));
    }
    if dry_run {
        lines.push("nothing was changed (--dry-run)".to_string());
    } else if rules.iter().any(|rule| rule.action == RuleAction::Hide) {
        lines.push("hidden articles are listed by `tidings list --hidden`".to_string());
    }
    emit(lines)
}
