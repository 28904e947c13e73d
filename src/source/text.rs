//! The plain-text article format of DESIGN.md.
