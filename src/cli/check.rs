//! `tidings check-config`: the config's first error (as an `error:` line, exit 1, as every
//! command reports it), else its warnings, else that it is fine.

use std::path::Path;

use super::Context;
use super::output::emit;
use crate::config::Config;
use crate::sanitize::clean_line;

/// Prints the config's warnings (`warning: file:line:column: …`), or `file: fine`. Errors
/// never reach here: reading the config for the context already failed with them.
pub fn check_config(context: &Context, explicit: Option<&Path>) -> anyhow::Result<()> {
    let Some(path) = explicit
        .map(Path::to_path_buf)
        .or_else(Config::default_path)
    else {
        return emit(["this system has no config folder: the defaults are in force".into()]);
    };
    let name = clean_line(&path.display().to_string());
    if explicit.is_none() && !path.exists() {
        return emit([format!(
            "{name}: no such file, so the defaults are in force"
        )]);
    }
    let warnings = &context.config.warnings;
    if warnings.is_empty() {
        return emit([format!("{name}: fine")]);
    }
    emit(
        warnings
            .iter()
            .map(|warning| format!("warning: {}", clean_line(&warning.to_string()))),
    )
}
