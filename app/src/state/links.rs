//! Links in message text: [`segments`] splits a text into plain runs and links, which the
//! bubble renders as text nodes and `<a>` elements (never as markup). Only `http://` and
//! `https://` URLs and bare `www.` names become links, so no other scheme (`javascript:`,
//! `data:`…) can ever be an `href`.

/// A run of a message's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// Plain text.
    Text(String),
    /// A link: the text as written, and where it goes.
    Link {
        /// As it appears in the message.
        text: String,
        /// The URL opened (`https://` put before a bare `www.` name).
        href: String,
    },
}

/// Characters that end a URL: those never part of one as people write them, and the
/// invisible ones that could make a link read differently from where it goes.
fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || c.is_control()
        || matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^')
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// Punctuation that ends a sentence rather than a URL when it comes last.
fn trailing(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~' | ']' | '…'
    )
}

/// The length in bytes of the URL prefix at the start of `rest` (`http://`, `https://` in
/// any case, or `www.`) and whether it is a bare `www.`.
fn prefix_len(rest: &str) -> Option<(usize, bool)> {
    let lower: String = rest
        .chars()
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    if lower.starts_with("https://") {
        Some((8, false))
    } else if lower.starts_with("http://") {
        Some((7, false))
    } else if lower.starts_with("www.") {
        Some((4, true))
    } else {
        None
    }
}

/// The length in bytes of the URL at the start of `rest` whose scheme or `www.` takes
/// `prefix` bytes, once its trailing punctuation (and unmatched closing brackets) are left
/// out; `None` when nothing is left after the prefix.
fn url_len(rest: &str, prefix: usize) -> Option<usize> {
    let mut end = rest.find(ends_url).unwrap_or(rest.len());
    loop {
        let url = &rest[..end];
        let Some(last) = url.chars().next_back() else {
            break;
        };
        let unmatched_paren = last == ')' && url.matches('(').count() < url.matches(')').count();
        if end > prefix && (trailing(last) || unmatched_paren) {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    // A host must start with a letter or digit ("http://." or "www.," is no link).
    let host = rest[prefix..end].chars().next()?;
    host.is_alphanumeric().then_some(end)
}

/// `text` split into plain runs and links, in order; joining the runs' text gives `text`
/// back.
pub fn segments(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut plain_from = 0;
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < text.len() {
        let rest = &text[i..];
        // A URL starts a word: not inside one ("xhttp://", "awww.", "a.www.").
        let starts_word =
            prev.is_none_or(|p| !(p.is_alphanumeric() || matches!(p, '.' | '/' | '@' | '-' | '_')));
        if starts_word {
            if let Some((prefix, bare)) = prefix_len(rest) {
                if let Some(len) = url_len(rest, prefix) {
                    if plain_from < i {
                        out.push(Segment::Text(text[plain_from..i].to_owned()));
                    }
                    let link = &rest[..len];
                    let href = if bare {
                        format!("https://{link}")
                    } else {
                        link.to_owned()
                    };
                    out.push(Segment::Link {
                        text: link.to_owned(),
                        href,
                    });
                    i += len;
                    plain_from = i;
                    prev = link.chars().next_back();
                    continue;
                }
            }
        }
        let Some(c) = rest.chars().next() else { break };
        prev = Some(c);
        i += c.len_utf8();
    }
    if plain_from < text.len() {
        out.push(Segment::Text(text[plain_from..].to_owned()));
    }
    out
}

/// Whether `href` is one this app opens: `http:` or `https:` (checked again before opening,
/// whatever made the link).
pub fn is_openable(href: &str) -> bool {
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
