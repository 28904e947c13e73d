//! The feed fixtures (`tests/fixtures/feeds/`) and the titles the tests look for in them.

use std::fs;
use std::path::Path;

/// The titles of the RSS 2.0 fixture, the Harbour Gazette, newest first.
pub const GAZETTE: [&str; 3] = [
    "Night ferry returns",
    "Market hall clock ticks again",
    "Harbour notes",
];
/// The title of the Atom fixture's article, from the Open Ledger.
pub const LEDGER: &str = "Maintainers & their kitchen table";

pub fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/feeds")
        .join(name);
    fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}
