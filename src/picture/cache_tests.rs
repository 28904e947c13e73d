//! Tests of the disk cache of pictures.

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
