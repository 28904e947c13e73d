//! The command line of DESIGN.md: the reader, and the commands that list, show, tag,
//! bookmark, subscribe and refresh, all reading the same sources and the same store.

mod add;
mod args;
mod articles;
mod check;
mod context;
mod feeds;
mod import;
mod marks;
mod output;
mod pictures;
mod queries;
mod read;
mod reindex;
mod rules;
mod sync;

pub use args::{BookmarkChange, Cli, Command, FeedsCommand, QueriesCommand, RulesCommand, Sources};
pub use context::{Context, library};

/// Runs the reader or the command the arguments name.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let cli = cli.with_env();
    let context = Context::new(&cli)?;
    match cli.command {
        None => context::reader(&context, &cli.sources),
        Some(Command::List {
            feeds,
            tags,
            all_tags,
            bookmarked,
            unread,
            search,
            query,
            hidden,
            json,
            sources,
        }) => {
            let query = articles::Query {
                feeds,
                tags,
                all_tags,
                bookmarked,
                unread,
                search,
                query: query.map(|q| queries::resolve(&context, &q)).transpose()?,
                hidden,
            };
            articles::list(&context, &sources, &query, json)
        }
        Some(Command::Show {
            id,
            width,
            full_text,
            sources,
        }) => articles::show(&context, &sources, &id, width, full_text),
        Some(Command::Read { page, width, json }) => read::read(&context, &page, width, json),
        Some(Command::Tags { json, sources }) => articles::tags(&context, &sources, json),
        Some(Command::Unread { json }) => marks::unread(&context, json),
        Some(Command::MarkRead {
            ids,
            all,
            feeds,
            tags,
            all_tags,
            query,
        }) => {
            if all {
                let query = articles::Query {
                    feeds,
                    tags,
                    all_tags,
                    query: query.map(|q| queries::resolve(&context, &q)).transpose()?,
                    ..articles::Query::default()
                };
                marks::mark_all_read(&context, &query)
            } else {
                marks::mark(&context, &ids, true)
            }
        }
        Some(Command::MarkUnread { ids }) => marks::mark(&context, &ids, false),
        Some(Command::Bookmarks { json, unstarred }) => {
            if unstarred {
                articles::unstarred(&context, json)
            } else {
                articles::bookmarks(&context, json)
            }
        }
        Some(Command::Bookmark { change }) => match change {
            BookmarkChange::Add { id, sources } => {
                articles::bookmark(&context, &sources, &id, true)
            }
            BookmarkChange::Remove { id, sources } => {
                articles::bookmark(&context, &sources, &id, false)
            }
        },
        Some(Command::Refresh { force }) => feeds::refresh(&context, force),
        Some(Command::Feeds { change }) => match change {
            FeedsCommand::Add {
                url,
                name,
                pick,
                all,
                no_check,
                tags,
                every,
                full_text,
            } => {
                let look = if no_check {
                    add::Look::AsGiven
                } else {
                    add::Look::Discover { pick, all }
                };
                let feed = add::NewFeed {
                    name,
                    tags,
                    every,
                    full_text,
                };
                add::add(&context, &url, look, feed)
            }
            FeedsCommand::List { json } => feeds::list(&context, json),
            FeedsCommand::Remove { feed } => feeds::remove(&context, &feed),
        },
        Some(Command::Queries { change, json }) => match change {
            None => queries::list(&context, json),
            Some(QueriesCommand::Add { name, query }) => queries::add(&context, &name, &query),
            Some(QueriesCommand::Remove { name }) => queries::remove(&context, &name),
        },
        Some(Command::Rules { change, json }) => match change {
            None => rules::list(&context, json),
            Some(RulesCommand::Remove { number }) => rules::remove(&context, number as usize),
            Some(RulesCommand::Apply { dry_run }) => rules::apply(&context, dry_run),
        },
        Some(Command::ImportNewsboat {
            urls,
            cache,
            config,
            bookmark_flags,
            dry_run,
            json,
        }) => {
            let given = import::NewsboatFiles {
                files: crate::import::Files {
                    feeds: urls,
                    database: cache,
                    config,
                },
                bookmark_flags,
            };
            import::from_newsboat(&context, given, dry_run, json)
        }
        Some(Command::ImportNewsraft {
            feeds,
            db,
            dry_run,
            json,
        }) => {
            let given = crate::import::Files {
                feeds,
                database: db,
                config: None,
            };
            import::from_newsraft(&context, given, dry_run, json)
        }
        Some(Command::ImportOpml { file }) => feeds::import_opml(&context, &file),
        Some(Command::ExportOpml) => feeds::export_opml(&context),
        Some(Command::CheckConfig) => check::check_config(&context, cli.config.as_deref()),
        Some(Command::Sync { json, status }) => {
            if status {
                sync::status(&context, json)
            } else {
                sync::run(&context, json)
            }
        }
    }
}

#[cfg(test)]
mod tests;
