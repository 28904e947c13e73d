//! Every effect reaches the worker it names.

use std::sync::mpsc::Receiver;

use super::*;
use crate::model::ArticleId;
use crate::worker::full_text::FullTextRequest;
use crate::worker::pictures::Job;
use crate::worker::store::ReadChange;

/// What each worker was sent.
struct Sent {
    store: Receiver<StoreRequest>,
    refresh: Receiver<RefreshRequest>,
    full_text: Receiver<FullTextRequest>,
    pictures: Receiver<PictureRequest>,
    sync: Receiver<SyncRequest>,
    list: Receiver<ListRequest>,
    reindex: Receiver<ReindexRequest>,
    desktop: Receiver<DesktopRequest>,
    discovery: Receiver<DiscoveryRequest>,
}

/// Workers that only keep what they are sent.
fn recording() -> (Workers, Sent) {
    let (store, store_sent) = Handle::recording();
    let (refresh, refresh_sent) = Handle::recording();
    let (full_text, full_text_sent) = Handle::recording();
    let (pictures, pictures_sent) = Handle::recording();
    let (sync, sync_sent) = Handle::recording();
    let (list, list_sent) = Handle::recording();
    let (reindex, reindex_sent) = Handle::recording();
    let (desktop, desktop_sent) = Handle::recording();
    let (discovery, discovery_sent) = Handle::recording();
    let workers = Workers {
        store: Some(store),
        refresh,
        full_text,
        pictures: Some(pictures),
        sync: Some(sync),
        list: Some(list),
        reindex: Some(reindex),
        desktop,
        discovery,
    };
    let sent = Sent {
        store: store_sent,
        refresh: refresh_sent,
        full_text: full_text_sent,
        pictures: pictures_sent,
        sync: sync_sent,
        list: list_sent,
        reindex: reindex_sent,
        desktop: desktop_sent,
        discovery: discovery_sent,
    };
    (workers, sent)
}

/// The worker an effect names. A new kind of effect is a new arm here, or this test does not
/// build.
fn worker_of(effect: &Effect) -> &'static str {
    match effect {
        Effect::Store(_) => "store",
        Effect::Refresh(_) => "refresh",
        Effect::FullText(_) => "full text",
        Effect::Pictures(_) => "pictures",
        Effect::Sync(_) => "sync",
        Effect::List(_) => "list",
        Effect::Reindex(_) => "reindex",
        Effect::Desktop(_) => "desktop",
        Effect::Discovery(_) => "discovery",
    }
}

/// One effect of every kind the app makes, and every request of each worker.
fn one_of_each() -> Vec<Effect> {
    let id = ArticleId::from_identity("test:1");
    let article = crate::model::Article {
        id: id.clone(),
        title: "One".into(),
        source: "Test".into(),
        author: None,
        published: None,
        url: Some("https://example.com/1".into()),
        tags: Vec::new(),
        body: crate::model::Body::default(),
    };
    let job = crate::full_text::Job {
        id: id.clone(),
        url: "https://example.com/1".into(),
        title: "One".into(),
        summary: String::new(),
    };
    vec![
        Effect::Store(StoreRequest::SaveBookmark(Box::new(article))),
        Effect::Store(StoreRequest::RemoveBookmark(id.clone())),
        Effect::Store(StoreRequest::MarkRead(id.clone())),
        Effect::Store(StoreRequest::SetRead {
            ids: vec![id.clone()],
            read: true,
            change: ReadChange::Toggle,
        }),
        Effect::Store(StoreRequest::MarkAllRead {
            ids: vec![id.clone()],
            scope: crate::store::ReadScope::Everything,
        }),
        Effect::Store(StoreRequest::LoadBody(id.clone())),
        Effect::Store(StoreRequest::Search("comet".into())),
        Effect::Store(StoreRequest::SearchFacts {
            search: "comet OR is:fulltext".into(),
            terms: vec![vec!["comet".into()]],
        }),
        Effect::Store(StoreRequest::QueryFacts(vec![vec!["comet".into()]])),
        Effect::Refresh(RefreshRequest {
            only: None,
            force: true,
            add: Vec::new(),
        }),
        Effect::FullText(FullTextRequest::Article(Box::new(job))),
        Effect::FullText(FullTextRequest::Page("https://example.com/2".into())),
        Effect::FullText(FullTextRequest::AfterRefresh { only: None }),
        Effect::Pictures(PictureRequest::Want(vec![Job {
            url: "https://example.com/1.png".into(),
            room: crate::model::room::Room { cols: 8, rows: 4 },
        }])),
        Effect::Pictures(PictureRequest::Keep(vec![
            "https://example.com/1.png".into(),
        ])),
        Effect::Sync(SyncRequest::Now),
        Effect::List(ListRequest::ReadAll),
        Effect::Reindex(ReindexRequest::Start),
        Effect::Desktop(DesktopRequest::Open("https://example.com/1".into())),
        Effect::Desktop(DesktopRequest::Copy("https://example.com/1".into())),
        Effect::Discovery(DiscoveryRequest::Look("https://example.com/".into())),
        Effect::Discovery(DiscoveryRequest::Take("https://example.com/feed".into())),
    ]
}

#[test]
fn every_effect_reaches_the_worker_it_names_and_only_that_one() {
    let (workers, sent) = recording();
    for effect in one_of_each() {
        let worker = worker_of(&effect);
        workers.carry_out(effect.clone());
        let mut reached: Vec<(&str, Effect)> = Vec::new();
        reached.extend(sent.store.try_iter().map(|r| ("store", Effect::Store(r))));
        reached.extend(
            sent.refresh
                .try_iter()
                .map(|r| ("refresh", Effect::Refresh(r))),
        );
        reached.extend(
            sent.full_text
                .try_iter()
                .map(|r| ("full text", Effect::FullText(r))),
        );
        reached.extend(
            sent.pictures
                .try_iter()
                .map(|r| ("pictures", Effect::Pictures(r))),
        );
        reached.extend(sent.sync.try_iter().map(|r| ("sync", Effect::Sync(r))));
        reached.extend(sent.list.try_iter().map(|r| ("list", Effect::List(r))));
        reached.extend(
            sent.reindex
                .try_iter()
                .map(|r| ("reindex", Effect::Reindex(r))),
        );
        reached.extend(
            sent.discovery
                .try_iter()
                .map(|r| ("discovery", Effect::Discovery(r))),
        );
        reached.extend(
            sent.desktop
                .try_iter()
                .map(|r| ("desktop", Effect::Desktop(r))),
        );
        assert_eq!(reached, [(worker, effect)]);
    }
}
