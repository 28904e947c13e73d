//! The hostile fixtures (`tests/fixtures/hostile/`), shared by the tests that feed them to
//! the binary.

use std::path::{Path, PathBuf};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
}

/// A path as an argument; the fixture and temporary folders are UTF-8.
pub fn s(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}
