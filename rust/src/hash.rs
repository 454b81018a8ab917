//! The hash maps and sets the stages build: std's, with foldhash's hasher. It is seeded at
//! random per process, as std's SipHash is (so no output depends on their order, and a page
//! cannot choose its collisions), and several times faster on the short keys the stages hash
//! (texts' first characters, label paths, node ids).

/// A `HashMap` with foldhash's hasher (`Map::default()`, `collect()`).
pub type Map<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A `HashSet` with foldhash's hasher.
pub type Set<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_sets_hold_what_they_are_given() {
        let mut m: Map<&[u8], usize> = Map::default();
        *m.entry("新闻".as_bytes()).or_insert(0) += 2;
        *m.entry("新闻".as_bytes()).or_insert(0) += 1;
        assert_eq!(m.get("新闻".as_bytes()), Some(&3));
        let s: Set<u32> = (0..1000).chain(0..10).collect();
        assert_eq!(s.len(), 1000);
    }
}
