//! Text normalisation for search: folding (lower case, no accents) and tokenisation.
//!
//! Folding is per character, so that a match in the folded text maps back to the original
//! characters for highlighting ([`Unfolder`]). It lower-cases (Unicode, any script),
//! drops combining marks (so a decomposed "e\u{301}" folds as "é" does), and maps the letters
//! of Latin-1 Supplement, Latin Extended-A, the pinyin and Romanian letters of Extended-B,
//! Vietnamese (Latin Extended Additional), Greek tonos, Cyrillic "ё" and the ligatures (ß, æ,
//! œ, ĳ, ﬁ…) to their base letters; full-width ASCII folds to ASCII. A hand-written table
//! rather than Unicode normalisation tables: a few hundred bytes of wasm instead of tens of KB.
//!
//! Tokens are either words (letters and digits of scripts that separate words, Hangul
//! included: Korean puts spaces between words and its particles are suffixes, which prefix
//! matching covers) or runs of CJK characters (Han, kana), which have no word separators:
//! those are indexed as overlapping pairs of characters ([`terms`]).

use std::ops::Range;

/// The longest term indexed, in characters: longer words are indexed by their start (a query
/// word longer than this still matches exactly, as hits are verified on the text).
pub const MAX_TERM_CHARS: usize = 32;

/// What kind of text a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits between separators.
    Word,
    /// A run of CJK characters (no separators between words).
    Cjk,
}

/// A token of a text: its folded form and where it is in the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// Word or CJK run.
    pub kind: TokenKind,
    /// Its folded form.
    pub folded: &'a str,
    /// Its byte range in the original text.
    pub span: (usize, usize),
}

/// How the tokeniser sees a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Cjk,
    /// A combining mark or variation selector: part of the token before it, dropped by folding.
    Mark,
    Separator,
}

fn class(c: char) -> Class {
    if is_mark(c) {
        Class::Mark
    } else if is_cjk(c) {
        Class::Cjk
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Separator
    }
}

/// Combining marks that decorate a base letter (accents of decomposed text, kana voicing
/// marks), and variation selectors.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{3099}'..='\u{309A}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{E0100}'..='\u{E01EF}')
}

/// Han ideographs and kana: scripts written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3005}'..='\u{3007}'
        | '\u{3041}'..='\u{309F}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{30FC}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}'
        | '\u{20000}'..='\u{3134F}')
}

/// Appends the folded form of `c` to `out` (nothing for a combining mark).
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if let Some(ascii) = full_width(c) {
        out.push(ascii.to_ascii_lowercase());
        return;
    }
    for l in c.to_lowercase() {
        if is_mark(l) {
            continue;
        }
        match base_letters(l) {
            Some(s) => out.push_str(s),
            None => out.push(l),
        }
    }
}

/// The whole of `text`, folded (for tests and for callers that compare folded forms).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    text.chars().for_each(|c| fold_char(c, &mut out));
    out
}

/// The ASCII letter or digit of a full-width one (as CJK input methods type them).
fn full_width(c: char) -> Option<char> {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(u32::from(c) - 0xFEE0)
        }
        _ => None,
    }
}

/// The base letters of a lower-case accented letter or ligature; `None` when it is its own.
fn base_letters(c: char) -> Option<&'static str> {
    let s = match c {
        // Latin-1 Supplement.
        'ß' => "ss",
        'à'..='å' | 'ª' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è'..='ë' => "e",
        'ì'..='ï' => "i",
        'ð' => "d",
        'ñ' => "n",
        'ò'..='ö' | 'ø' | 'º' => "o",
        'ù'..='ü' => "u",
        'ý' | 'ÿ' => "y",
        'þ' => "th",
        // Latin Extended-A (both cases, though only lower case reaches here).
        '\u{100}'..='\u{105}' => "a",
        '\u{106}'..='\u{10D}' => "c",
        '\u{10E}'..='\u{111}' => "d",
        '\u{112}'..='\u{11B}' => "e",
        '\u{11C}'..='\u{123}' => "g",
        '\u{124}'..='\u{127}' => "h",
        '\u{128}'..='\u{131}' => "i",
        '\u{132}'..='\u{133}' => "ij",
        '\u{134}'..='\u{135}' => "j",
        '\u{136}'..='\u{138}' => "k",
        '\u{139}'..='\u{142}' => "l",
        '\u{143}'..='\u{14B}' => "n",
        '\u{14C}'..='\u{151}' => "o",
        '\u{152}'..='\u{153}' => "oe",
        '\u{154}'..='\u{159}' => "r",
        '\u{15A}'..='\u{161}' | '\u{17F}' => "s",
        '\u{162}'..='\u{167}' => "t",
        '\u{168}'..='\u{173}' => "u",
        '\u{174}'..='\u{175}' => "w",
        '\u{176}'..='\u{178}' => "y",
        '\u{179}'..='\u{17E}' => "z",
        // Latin Extended-B: Vietnamese horn letters, pinyin tones, Romanian comma below.
        'ơ' | 'ǒ' => "o",
        'ư' | 'ǔ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => "u",
        'ǎ' => "a",
        'ǐ' => "i",
        'ș' => "s",
        'ț' => "t",
        // Latin Extended Additional: Vietnamese letters with two marks.
        '\u{1EA0}'..='\u{1EB7}' => "a",
        '\u{1EB8}'..='\u{1EC7}' => "e",
        '\u{1EC8}'..='\u{1ECB}' => "i",
        '\u{1ECC}'..='\u{1EE3}' => "o",
        '\u{1EE4}'..='\u{1EF1}' => "u",
        '\u{1EF2}'..='\u{1EF9}' => "y",
        // Ligatures.
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        // Greek tonos and final sigma, Cyrillic yo: what people leave out when they type.
        'ά' => "α",
        'έ' => "ε",
        'ή' => "η",
        'ί' | 'ϊ' | 'ΐ' => "ι",
        'ό' => "ο",
        'ύ' | 'ϋ' | 'ΰ' => "υ",
        'ώ' => "ω",
        'ς' => "σ",
        'ё' => "е",
        _ => return None,
    };
    Some(s)
}

/// Calls `emit` with each token of `text`, in order.
pub fn tokens(text: &str, mut emit: impl FnMut(Token<'_>)) {
    let mut folded = String::new();
    let mut current: Option<(TokenKind, usize)> = None;
    let mut end = 0;
    let mut flush = |current: &mut Option<(TokenKind, usize)>, folded: &mut String, end: usize| {
        if let Some((kind, start)) = current.take() {
            if !folded.is_empty() {
                emit(Token {
                    kind,
                    folded,
                    span: (start, end),
                });
            }
        }
        folded.clear();
    };
    for (i, c) in text.char_indices() {
        let next = i + c.len_utf8();
        let kind = match (class(c), current) {
            (Class::Mark, Some(_)) => {
                end = next;
                continue;
            }
            (Class::Word, _) => TokenKind::Word,
            (Class::Cjk, _) => TokenKind::Cjk,
            (Class::Mark | Class::Separator, _) => {
                flush(&mut current, &mut folded, end);
                continue;
            }
        };
        if current.map(|(k, _)| k) != Some(kind) {
            flush(&mut current, &mut folded, end);
            current = Some((kind, i));
        }
        fold_char(c, &mut folded);
        end = next;
    }
    flush(&mut current, &mut folded, end);
}

/// Calls `emit` with each term a token is indexed under: a word's folded form (its first
/// [`MAX_TERM_CHARS`] characters); for a CJK run, each character followed by the next one,
/// and the last character alone. A prefix search then finds one character (every pair it
/// starts, or the run's end) and a pair exactly; a longer query is its pairs, checked for
/// adjacency on the text. This gives half the postings of indexing single characters and
/// pairs both.
pub fn terms<'a>(token: &Token<'a>, mut emit: impl FnMut(&'a str)) {
    match token.kind {
        TokenKind::Word => emit(truncated(token.folded, MAX_TERM_CHARS)),
        TokenKind::Cjk => {
            let starts: Vec<usize> = token.folded.char_indices().map(|(i, _)| i).collect();
            for (k, &start) in starts.iter().enumerate() {
                let end = starts.get(k + 2).copied().unwrap_or(token.folded.len());
                emit(&token.folded[start..end]);
            }
        }
    }
}

/// The first `max` characters of `s`.
pub fn truncated(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i])
}

/// Maps byte ranges of a token's folded form back to its original text: from the character
/// whose folded form holds a range's start to the one that completes it, with the combining
/// marks that follow (a highlight never splits a letter from its accent). The ranges must come
/// in ascending order, without overlaps: the map walks the token once.
#[derive(Debug)]
pub struct Unfolder<'a> {
    original: &'a str,
    /// Where the walk is: a character boundary of `original`, and the folded bytes before it.
    at: usize,
    folded_at: usize,
    buf: String,
}

impl<'a> Unfolder<'a> {
    /// A walk from the start of `original`, one token's text.
    pub fn new(original: &'a str) -> Unfolder<'a> {
        Unfolder {
            original,
            at: 0,
            folded_at: 0,
            buf: String::new(),
        }
    }

    /// The original range of the folded bytes `folded`.
    pub fn range(&mut self, folded: Range<usize>) -> Range<usize> {
        // Characters that end before the range, and marks (they fold to nothing).
        while let Some(c) = self.original.get(self.at..).and_then(|s| s.chars().next()) {
            let n = self.folded_len(c);
            if n > 0 && self.folded_at + n > folded.start {
                break;
            }
            self.at += c.len_utf8();
            self.folded_at += n;
        }
        let start = self.at;
        let (mut at, mut folded_at) = (self.at, self.folded_at);
        while let Some(c) = self.original.get(at..).and_then(|s| s.chars().next()) {
            let n = self.folded_len(c);
            if n > 0 && folded_at + n >= folded.end {
                // The next range may start within this character (one of the two "s" of ß).
                (self.at, self.folded_at) = (at, folded_at);
                let end = at + c.len_utf8();
                let marks: usize = self.original.get(end..).map_or(0, |rest| {
                    rest.chars()
                        .take_while(|&m| is_mark(m))
                        .map(char::len_utf8)
                        .sum()
                });
                return start..end + marks;
            }
            at += c.len_utf8();
            folded_at += n;
        }
        (self.at, self.folded_at) = (at, folded_at);
        start..self.original.len()
    }

    fn folded_len(&mut self, c: char) -> usize {
        self.buf.clear();
        fold_char(c, &mut self.buf);
        self.buf.len()
    }
}
