//! Compiles the sample articles in `assets/articles/` into the binary: writes a table of
//! their names and `include_str!`s, so the reader works from any folder with no set-up.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
        .join("assets/articles");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .expect("assets/articles is readable")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".txt") || name.ends_with(".md"))
        .collect();
    names.sort();
    let mut table = String::from(
        "/// The bundled sample articles: file name and text.\npub static SAMPLES: &[(&str, &str)] = &[\n",
    );
    for name in names {
        let path = dir.join(&name);
        table.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    table.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("samples.rs");
    fs::write(out, table).expect("OUT_DIR is writable");
}
