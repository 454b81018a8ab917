//! What the examples share: the pages they run over.

use std::path::PathBuf;

/// The `.html` files of the directory `dir`, sorted by name.
pub fn html_paths(dir: &str) -> Vec<PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("a directory of pages")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    paths.sort();
    paths
}
