//! Tests of the command line.

use clap::Parser;

use super::*;
use clap::CommandFactory;
use std::path::Path;

#[test]
fn the_command_line_is_well_formed() {
    Cli::command().debug_assert();
}

#[test]
fn sources_and_commands_parse() {
    let cli = Cli::try_parse_from(["tidings", "news/", "more.txt"]).unwrap();
    assert_eq!(
        cli.sources.paths,
        [Path::new("news/"), Path::new("more.txt")]
    );
    let cli = Cli::try_parse_from([
        "tidings",
        "list",
        "--tag",
        "a",
        "--tag",
        "b",
        "--all-tags",
        "x.txt",
    ])
    .unwrap();
    assert!(
        matches!(cli.command, Some(Command::List { ref tags, all_tags: true, .. }) if tags.len() == 2)
    );
    assert!(Cli::try_parse_from(["tidings", "show"]).is_err());
    assert!(Cli::try_parse_from(["tidings", "show", "abcd", "--width", "5"]).is_err());
}
