//! The recovery phrase (messaging.md §1.3): Electrum-style words, not BIP-39.
//!
//! Every 4 bytes (little-endian) become 3 words of the 1626-word English list, and one
//! checksum word repeats a data word chosen by a CRC-32 of the words' 3-letter prefixes. Words
//! are recognised by those prefixes only, ignoring case, as the official library does.

use std::fmt;
use std::sync::OnceLock;
use zeroize::Zeroizing;

/// The official English word list, one word a line, in its official order.
const ENGLISH: &str = include_str!("english.txt");

/// Number of words in the list.
pub const WORD_COUNT: usize = 1626;

/// Letters of a word that identify it.
pub const PREFIX_LEN: usize = 3;

const N: u64 = WORD_COUNT as u64;

/// Why a phrase could not be turned back into its seed.
#[non_exhaustive]
#[derive(Clone, PartialEq, Eq)]
pub enum MnemonicError {
    /// A word that is not in the list (by its first three letters).
    UnknownWord(String),
    /// The phrase does not have the expected number of words.
    WordCount {
        /// Words found.
        got: usize,
        /// Words needed.
        expected: usize,
    },
    /// The last word does not match the others: a word is wrong or the order is mixed up.
    Checksum,
    /// Three words that no 4 bytes encode (an invalid phrase rather than a typo in one word).
    InvalidWords,
    /// Only whole 4-byte groups can be encoded.
    InputLength(usize),
}

impl fmt::Display for MnemonicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MnemonicError::UnknownWord(w) => {
                write!(f, "\"{w}\" is not a word of the recovery phrase list")
            }
            MnemonicError::WordCount { got, expected } => write!(
                f,
                "a recovery phrase has {expected} words, this one has {got}"
            ),
            MnemonicError::Checksum => f.write_str(
                "the recovery phrase's last word does not match: check the words and their order",
            ),
            MnemonicError::InvalidWords => {
                f.write_str("these words are not a valid recovery phrase")
            }
            MnemonicError::InputLength(n) => write!(
                f,
                "only a whole number of 4-byte groups can be written as words, not {n} bytes"
            ),
        }
    }
}

// The unknown word may be a real word of the user's phrase; keep Debug as readable as Display
// rather than exposing more.
impl fmt::Debug for MnemonicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MnemonicError({self})")
    }
}

impl std::error::Error for MnemonicError {}

/// The English word list, in order.
pub fn english_words() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| ENGLISH.lines().filter(|w| !w.is_empty()).collect())
}

/// Index of the word whose prefix matches `word`'s prefix, ignoring ASCII case.
fn word_index(word: &str) -> Option<usize> {
    let prefix: String = word
        .chars()
        .take(PREFIX_LEN)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    english_words()
        .iter()
        .position(|w| w.get(..PREFIX_LEN).unwrap_or(w) == prefix)
}

/// Which data word the checksum word repeats.
fn checksum_index(words: &[&str]) -> usize {
    let mut prefixes = Zeroizing::new(String::new());
    for w in words {
        prefixes.extend(w.chars().take(PREFIX_LEN).map(|c| c.to_ascii_lowercase()));
    }
    let crc = crc32fast::hash(prefixes.as_bytes()) as usize;
    crc.checked_rem(words.len()).unwrap_or(0)
}

/// Encodes bytes (a multiple of 4) as words plus the checksum word, space-separated.
pub fn bytes_to_words(bytes: &[u8]) -> Result<Zeroizing<String>, MnemonicError> {
    if bytes.len() % 4 != 0 {
        return Err(MnemonicError::InputLength(bytes.len()));
    }
    Ok(encode_chunks(bytes))
}

/// Encodes the whole 4-byte chunks of `bytes` (callers pass a multiple of 4).
fn encode_chunks(bytes: &[u8]) -> Zeroizing<String> {
    let list = english_words();
    let mut words: Vec<&'static str> = Vec::with_capacity(bytes.len() / 4 * 3 + 1);
    for chunk in bytes.chunks_exact(4) {
        let v = u64::from(u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]));
        let w1 = v % N;
        let w2 = (v / N + w1) % N;
        let w3 = (v / N / N + w2) % N;
        for w in [w1, w2, w3] {
            words.push(list.get(w as usize).copied().unwrap_or_default());
        }
    }
    if !words.is_empty() {
        let check = words
            .get(checksum_index(&words))
            .copied()
            .unwrap_or_default();
        words.push(check);
    }
    Zeroizing::new(words.join(" "))
}

/// Decodes a phrase of `len / 4 * 3` words plus the checksum word into `len` bytes.
/// Words are separated by any whitespace; case does not matter.
pub fn words_to_bytes(phrase: &str, len: usize) -> Result<Zeroizing<Vec<u8>>, MnemonicError> {
    if len % 4 != 0 || len == 0 {
        return Err(MnemonicError::InputLength(len));
    }
    let words: Vec<&str> = phrase.split_whitespace().collect();
    let data_words = len / 4 * 3;
    if words.len() != data_words + 1 {
        return Err(MnemonicError::WordCount {
            got: words.len(),
            expected: data_words + 1,
        });
    }
    let (data, checksum) = words.split_at(data_words);
    let mut out = Zeroizing::new(Vec::with_capacity(len));
    for group in data.chunks_exact(3) {
        let mut idx = [0u64; 3];
        for (slot, word) in idx.iter_mut().zip(group) {
            *slot = word_index(word).ok_or_else(|| MnemonicError::UnknownWord(word.to_string()))?
                as u64;
        }
        let [a, b, c] = idx;
        let v = a + N * ((N - a + b) % N) + N * N * ((N - b + c) % N);
        // The official library computes this in 32 bits, so values past u32 wrap around and then
        // fail its `v mod N == a` test; rejecting them here gives the same answer.
        let v = u32::try_from(v).map_err(|_| MnemonicError::InvalidWords)?;
        if u64::from(v) % N != a {
            return Err(MnemonicError::InvalidWords);
        }
        out.extend_from_slice(&v.to_le_bytes());
    }
    let supplied = checksum.first().copied().unwrap_or_default();
    let supplied_idx =
        word_index(supplied).ok_or_else(|| MnemonicError::UnknownWord(supplied.to_string()))?;
    let expected_idx = data.get(checksum_index(data)).and_then(|w| word_index(w));
    if expected_idx != Some(supplied_idx) {
        return Err(MnemonicError::Checksum);
    }
    Ok(out)
}

/// The 13-word phrase of a 16-byte account seed.
pub fn encode_seed(seed: &[u8; 16]) -> Zeroizing<String> {
    encode_chunks(seed)
}

/// The 16-byte account seed of a 13-word phrase.
pub fn decode_seed(phrase: &str) -> Result<Zeroizing<[u8; 16]>, MnemonicError> {
    let bytes = words_to_bytes(phrase, 16)?;
    let mut seed = Zeroizing::new([0u8; 16]);
    seed.copy_from_slice(&bytes);
    Ok(seed)
}

/// The 25-word phrase of a 32-byte seed (the legacy long form).
pub fn encode_seed32(seed: &[u8; 32]) -> Zeroizing<String> {
    encode_chunks(seed)
}

/// The 32-byte seed of a 25-word phrase.
pub fn decode_seed32(phrase: &str) -> Result<Zeroizing<[u8; 32]>, MnemonicError> {
    let bytes = words_to_bytes(phrase, 32)?;
    let mut seed = Zeroizing::new([0u8; 32]);
    seed.copy_from_slice(&bytes);
    Ok(seed)
}
