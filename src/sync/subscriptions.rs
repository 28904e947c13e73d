//! Subscribing and unsubscribing on the server, for `feeds add`, `import-opml` and
//! `feeds remove` while sync is on.

use serde::Deserialize;

use super::client::{Client, SyncError};

#[derive(Deserialize)]
struct QuickAdd {
    #[serde(default, rename = "numResults")]
    results: i64,
    #[serde(default, rename = "streamId")]
    stream: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

/// Subscribes to `url` with `subscription/quickadd`, then names it and puts it in `folder`
/// with `subscription/edit` when asked to; returns the server's id of the feed.
pub fn subscribe(
    client: &mut Client,
    url: &str,
    name: Option<&str>,
    folder: Option<&str>,
) -> Result<String, SyncError> {
    let answer = client.post("subscription/quickadd", &[("quickadd", url)])?;
    client.success("subscription/quickadd", &answer)?;
    let added: QuickAdd = client.json("subscription/quickadd", &answer)?;
    let stream = match added.stream {
        Some(stream) if added.results > 0 && !stream.is_empty() => stream,
        _ => {
            let why = added.error.map(|e| format!(" ({e})")).unwrap_or_default();
            return Err(SyncError(format!(
                "the server could not subscribe to {url}{why}"
            )));
        }
    };
    if name.is_some() || folder.is_some() {
        let label = folder.map(|f| format!("user/-/label/{f}"));
        let mut form = vec![("ac", "edit"), ("s", stream.as_str())];
        form.extend(name.map(|n| ("t", n)));
        form.extend(label.as_deref().map(|l| ("a", l)));
        expect_ok(client, "subscription/edit", &form)?;
    }
    Ok(stream)
}

/// Subscribes to `url` with its name and folder in one `subscription/edit`, as an OPML
/// import does for each feed.
pub fn subscribe_in_folder(
    client: &mut Client,
    url: &str,
    name: Option<&str>,
    folder: Option<&str>,
) -> Result<(), SyncError> {
    let stream = format!("feed/{url}");
    let label = folder.map(|f| format!("user/-/label/{f}"));
    let mut form = vec![("ac", "subscribe"), ("s", stream.as_str())];
    form.extend(name.map(|n| ("t", n)));
    form.extend(label.as_deref().map(|l| ("a", l)));
    expect_ok(client, "subscription/edit", &form)
}

/// Unsubscribes from the feed the server calls `stream` (`feed/12`).
pub fn unsubscribe(client: &mut Client, stream: &str) -> Result<(), SyncError> {
    expect_ok(
        client,
        "subscription/edit",
        &[("ac", "unsubscribe"), ("s", stream)],
    )
}

fn expect_ok(client: &mut Client, path: &str, form: &[(&str, &str)]) -> Result<(), SyncError> {
    let answer = client.post(path, form)?;
    client.success(path, &answer)?;
    if answer.text() == "OK" {
        Ok(())
    } else {
        Err(SyncError(format!(
            "the server did not accept {path} (it answered \"{}\")",
            answer.text().chars().take(80).collect::<String>()
        )))
    }
}
