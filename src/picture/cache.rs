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
mod tests {
    use super::*;
    use std::time::Duration;

    fn age(cache: &DiskCache, url: &str, seconds: u64) {
        let file = File::options().write(true).open(cache.path(url)).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(seconds))
            .unwrap();
    }

    #[test]
    fn pictures_come_back_and_the_oldest_go_first_past_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = DiskCache::new(dir.path().join("pictures"), 1000);
        let none = || HashSet::new();
        assert_eq!(cache.get("https://a.example/1.png"), None);
        for n in 1..=4 {
            let url = format!("https://a.example/{n}.png");
            cache.put(&url, &[n; 300], &none).unwrap();
            age(&cache, &url, 100 - u64::from(n));
        }
        // 1200 bytes > 1000: the oldest (1) went, and 900 bytes are within 9/10 of the cap.
        assert_eq!(cache.get("https://a.example/1.png"), None);
        assert_eq!(cache.get("https://a.example/4.png"), Some(vec![4; 300]));
        // Shown just now, 2 is the newest; 5 makes it 1200 again and 3, now the oldest, goes.
        assert!(cache.get("https://a.example/2.png").is_some());
        age(&cache, "https://a.example/4.png", 50);
        cache
            .put("https://a.example/5.png", &[5; 300], &none)
            .unwrap();
        assert_eq!(cache.get("https://a.example/3.png"), None);
        assert!(cache.get("https://a.example/2.png").is_some());
        assert!(cache.get("https://a.example/5.png").is_some());
        let files = fs::read_dir(dir.path().join("pictures")).unwrap().count();
        assert_eq!(files, 3, "no temporary file is left");
    }

    #[test]
    fn pictures_of_bookmarks_are_never_removed() {
        let dir = tempfile::tempdir().unwrap();
        let mut cache = DiskCache::new(dir.path().to_path_buf(), 500);
        let keep = || HashSet::from(["https://a.example/saved.png".to_string()]);
        cache
            .put("https://a.example/saved.png", &[1; 400], &keep)
            .unwrap();
        age(&cache, "https://a.example/saved.png", 1000);
        cache
            .put("https://a.example/new.png", &[2; 400], &keep)
            .unwrap();
        assert!(cache.get("https://a.example/saved.png").is_some());
        assert_eq!(cache.get("https://a.example/new.png"), None);
        // A cache that starts on a folder already there counts what it holds.
        let mut again = DiskCache::new(dir.path().to_path_buf(), 500);
        again
            .put("https://a.example/other.png", &[3; 200], &keep)
            .unwrap();
        assert!(again.get("https://a.example/saved.png").is_some());
        assert_eq!(again.get("https://a.example/other.png"), None);
    }

    #[test]
    fn file_names_differ_by_address_and_never_change() {
        assert_eq!(
            DiskCache::file_name("https://a.example/x.png"),
            DiskCache::file_name("https://a.example/x.png")
        );
        assert_ne!(
            DiskCache::file_name("https://a.example/x.png"),
            DiskCache::file_name("https://a.example/y.png")
        );
        assert_eq!(DiskCache::file_name(""), "cbf29ce4842223256c62272e07bb0142");
    }
}
