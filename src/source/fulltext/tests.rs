//! Tests of reader-mode extraction on small pages written for them.
