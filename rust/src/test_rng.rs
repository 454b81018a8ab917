//! A reproducible stream of numbers for the tests, with no dependency: xorshift64 (shifts 13,
//! 7 and 17), seeded with any non-zero number.

/// The generator; its state is the last number it gave.
pub struct Rng(pub u64);

impl Rng {
    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// The next number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_reproducible_and_in_range() {
        let (mut a, mut b) = (Rng(7), Rng(7));
        let drawn: Vec<usize> = (0..1000).map(|_| a.below(10)).collect();
        assert_eq!(drawn, (0..1000).map(|_| b.below(10)).collect::<Vec<_>>());
        assert!(drawn.iter().all(|&n| n < 10) && (0..10).all(|k| drawn.contains(&k)));
        assert_eq!(Rng(1).below(0), 0);
    }
}
