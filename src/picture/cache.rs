//! Pictures as fetched, kept on disk (the data dir's `pictures/` folder), so that an article
//! shown again, or read offline, has its pictures without asking the server. The folder holds
//! at most `cap` bytes: past it, the pictures shown longest ago are removed first, except
//! those of bookmarked articles, which are kept however full the folder is (a bookmark keeps
//! its article, pictures included).

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::SystemTime;

/// After removing pictures, the folder holds at most this share of its cap (in tenths), so
/// that it is not trimmed again at the next picture.
const TRIM_TO_TENTHS: u64 = 9;

pub struct DiskCache {
    dir: PathBuf,
    cap: u64,
    /// Bytes in the folder, once counted.
    used: Option<u64>,
}

impl DiskCache {
    pub fn new(dir: PathBuf, cap: u64) -> Self {
        Self {
            dir,
            cap,
            used: None,
        }
    }

    /// The file a picture's address is kept in: 128 bits of two FNV-1a hashes, in hex.
    pub fn file_name(url: &str) -> String {
        let hash = |seed: u64| {
            url.bytes().fold(seed, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            })
        };
        format!(
            "{:016x}{:016x}",
            hash(0xcbf2_9ce4_8422_2325),
            hash(0x6c62_272e_07bb_0142)
        )
    }

    fn path(&self, url: &str) -> PathBuf {
        self.dir.join(Self::file_name(url))
    }

    pub fn contains(&self, url: &str) -> bool {
        self.path(url).is_file()
    }

    /// The picture kept for `url`, marked as just shown.
    pub fn get(&self, url: &str) -> Option<Vec<u8>> {
        let path = self.path(url);
        let bytes = fs::read(&path).ok()?;
        // The time it was last shown decides what goes first; failing to note it is harmless.
        if let Ok(file) = File::options().write(true).open(&path) {
            let _ = file.set_modified(SystemTime::now());
        }
        Some(bytes)
    }

    /// Keeps `bytes` for `url`, then removes the pictures shown longest ago while the folder
    /// is over its cap, passing over the addresses `keep` gives (asked only then).
    pub fn put(
        &mut self,
        url: &str,
        bytes: &[u8],
        keep: &dyn Fn() -> HashSet<String>,
    ) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        let path = self.path(url);
        let replaced = fs::metadata(&path).map_or(0, |m| m.len());
        write_atomically(&path, bytes)?;
        let used = match self.used {
            Some(used) => used.saturating_sub(replaced) + bytes.len() as u64,
            None => folder_size(&self.dir)?,
        };
        self.used = Some(used);
        if used > self.cap {
            let kept: HashSet<String> = keep().iter().map(|url| Self::file_name(url)).collect();
            self.trim(&kept)?;
        }
        Ok(())
    }

    /// Removes the oldest pictures not in `kept` until the folder is within its cap.
    fn trim(&mut self, kept: &HashSet<String>) -> io::Result<()> {
        let mut files = Vec::new();
        let mut used = 0;
        for entry in fs::read_dir(&self.dir)? {
            let entry = entry?;
            let metadata = entry.metadata()?;
            if !metadata.is_file() {
                continue;
            }
            used += metadata.len();
            let name = entry.file_name().to_string_lossy().into_owned();
            if !kept.contains(&name) {
                let modified = metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                files.push((modified, metadata.len(), entry.path()));
            }
        }
        files.sort();
        let target = self.cap / 10 * TRIM_TO_TENTHS;
        for (_, len, path) in files {
            if used <= target {
                break;
            }
            match fs::remove_file(&path) {
                Ok(()) => used = used.saturating_sub(len),
                // Another tidings sharing the folder removed it first.
                Err(e) if e.kind() == io::ErrorKind::NotFound => used = used.saturating_sub(len),
                Err(e) => return Err(e),
            }
        }
        self.used = Some(used);
        Ok(())
    }
}

/// Writes a file whole or not at all: readers (another tidings too) never see half a picture.
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let temporary = path.with_extension(format!(
        "part-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    let result = File::create(&temporary)
        .and_then(|mut file| file.write_all(bytes))
        .and_then(|()| fs::rename(&temporary, path));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

fn folder_size(dir: &Path) -> io::Result<u64> {
    let mut used = 0;
    for entry in fs::read_dir(dir)? {
        let metadata = entry?.metadata()?;
        if metadata.is_file() {
            used += metadata.len();
        }
    }
    Ok(used)
}

#[cfg(test)]
#[path = "cache_tests.rs"]
mod tests;
