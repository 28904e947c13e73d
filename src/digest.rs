//! A fast 64-bit hash of bytes, the same on every build and machine, to tell whether a feed
//! or an article changed since it was stored. Not for anything an adversary could exploit:
//! at worst a feed that collides on purpose keeps its own old copy.

/// The hash of `bytes`: eight bytes at a time, each word mixed in with a multiply and a
/// shift, and the length and a final avalanche at the end.
pub fn digest(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut hash: u64 = 0x243F_6A88_85A3_08D3;
    let mut words = bytes.chunks_exact(8);
    for word in &mut words {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        hash = (hash ^ u64::from_le_bytes(eight)).wrapping_mul(K);
        hash ^= hash >> 29;
    }
    let mut last = [0u8; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    hash = (hash ^ u64::from_le_bytes(last)).wrapping_mul(K);
    hash ^= bytes.len() as u64;
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    hash ^= hash >> 33;
    hash = hash.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    hash ^ (hash >> 33)
}

#[cfg(test)]
#[path = "digest_tests.rs"]
mod tests;
