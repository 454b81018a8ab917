//! (being ported: see mod.rs)
