//! Moving in from other readers: their subscriptions, saved queries, killfiles, and the
//! articles they keep with their read marks and stars.

pub mod newsboat;
