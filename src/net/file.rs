//! Feeds and pages named by a `file://` address or a path, read the way a download is: within
//! the same size limit, and not read at all when the file's stamp says it is the one read
//! last time; and an I/O error in a person's words.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use super::request::{FileStamp, Outcome, Request, failed};

/// How long ago a file must have been written for its stamp to be kept: a file written again
/// within the same tick of the file system's clock (two seconds on FAT, one on HFS+), at the
/// same size, has the same stamp.
const SETTLED: Duration = Duration::from_secs(2);

impl FileStamp {
    /// Whether the file was written long enough ago that a later write would change its
    /// stamp; a stamp that is not is not kept, so the file is read (and its hash compared)
    /// next time too.
    fn settled(&self) -> bool {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |since| {
                i64::try_from(since.as_nanos()).unwrap_or(i64::MAX)
            });
        let settled = i64::try_from(SETTLED.as_nanos()).unwrap_or(i64::MAX);
        self.modified < now.saturating_sub(settled)
    }

    fn of(metadata: &std::fs::Metadata) -> Option<FileStamp> {
        let modified = metadata.modified().ok()?;
        let nanos = match modified.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => i64::try_from(after.as_nanos()).ok()?,
            Err(before) => -i64::try_from(before.duration().as_nanos()).ok()?,
        };
        Some(FileStamp {
            size: metadata.len(),
            modified: nanos,
        })
    }
}

/// Reads a feed file with the same size limit as a download, unless its stamp is the one
/// it had when last read.
pub(super) fn read_file(path: &Path, request: &Request, max_bytes: u64) -> Outcome {
    let cannot_read = |error: &std::io::Error| {
        failed(format!(
            "cannot read {}: {}",
            path.display(),
            io_words(error)
        ))
    };
    let too_large = || {
        failed(format!(
            "{} is larger than {}",
            path.display(),
            super::http::size_words(max_bytes)
        ))
    };
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) => return cannot_read(&error),
    };
    let metadata = match file.metadata() {
        Ok(metadata) if metadata.is_dir() => {
            return failed(format!("cannot read {}: it is a folder", path.display()));
        }
        Ok(metadata) if metadata.len() > max_bytes => return too_large(),
        Ok(metadata) => metadata,
        Err(error) => return cannot_read(&error),
    };
    let file_stamp = FileStamp::of(&metadata);
    if file_stamp.is_some() && file_stamp == request.file_stamp {
        return Outcome::NotModified { fresh_for: None };
    }
    let file_stamp = file_stamp.filter(FileStamp::settled);
    // Room for the whole file and the byte that would tell it grew: read without copying.
    let room = usize::try_from(metadata.len().saturating_add(1)).unwrap_or(0);
    let mut body = Vec::with_capacity(room);
    if let Err(error) = file
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut body)
    {
        return cannot_read(&error);
    }
    if body.len() as u64 > max_bytes {
        return too_large();
    }
    Outcome::Fetched {
        body,
        etag: None,
        last_modified: None,
        fresh_for: None,
        final_url: request.url.clone(),
        content_type: None,
        content_location: None,
        file_stamp,
    }
}

/// An I/O error in a person's words: "no such file or folder", "permission denied".
pub fn io_words(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}
