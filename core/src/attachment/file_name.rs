//! File names from other users made safe to save under: one path component, no control or
//! direction-changing characters, none of the characters Windows forbids, not a device name,
//! not hidden, and short enough for any file system. The extension is kept where it fits.

/// The longest name produced, in bytes (file systems allow 255; room is left for a " (2)").
const MAX_BYTES: usize = 120;

/// Names Windows reserves for devices, with or without an extension.
const RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
        // Bidirectional overrides and isolates, which can disguise an extension
        // ("photo\u{202e}gpj.exe"), and zero-width characters.
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// A safe name for a file the sender called `name`; `fallback` (itself safe) when nothing
/// usable is left.
pub fn safe_file_name(name: Option<&str>, fallback: &str) -> String {
    let last = name.unwrap_or("").rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .map(|c| if unsafe_char(c) { '_' } else { c })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let stem = trimmed.split('.').next().unwrap_or("");
    if trimmed.is_empty()
        || trimmed.chars().all(|c| c == '_')
        || RESERVED.iter().any(|r| stem.eq_ignore_ascii_case(r))
    {
        return fallback.to_owned();
    }
    shorten(trimmed)
}

/// Cuts a name to [`MAX_BYTES`] on a character boundary, keeping a short extension.
fn shorten(name: &str) -> String {
    if name.len() <= MAX_BYTES {
        return name.to_owned();
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| !e.is_empty() && e.len() <= 16);
    let room = MAX_BYTES - ext.map_or(0, |e| e.len() + 1);
    let mut cut = room;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    match ext {
        Some(e) => format!("{}.{e}", &name[..cut]),
        None => name[..cut].to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_made_safe() {
        let s = |n: &str| safe_file_name(Some(n), "attachment");
        assert_eq!(s("holiday photo.jpg"), "holiday photo.jpg");
        assert_eq!(s("../../etc/passwd"), "passwd");
        assert_eq!(s("C:\\Windows\\evil.dll"), "evil.dll");
        assert_eq!(s(".bashrc"), "bashrc");
        assert_eq!(s("a<b>c:d\"e|f?g*h"), "a_b_c_d_e_f_g_h");
        assert_eq!(s("photo\u{202e}gpj.exe"), "photo_gpj.exe");
        assert_eq!(s("bell\u{7}.txt"), "bell_.txt");
        assert_eq!(s("CON"), "attachment");
        assert_eq!(s("nul.txt"), "attachment");
        assert_eq!(s(".."), "attachment");
        assert_eq!(s("  "), "attachment");
        assert_eq!(s("///"), "attachment");
        assert_eq!(safe_file_name(None, "voice.m4a"), "voice.m4a");
        assert_eq!(s("名前.png"), "名前.png");
        let long = format!("{}.jpeg", "é".repeat(100));
        let short = s(&long);
        assert!(
            short.len() <= MAX_BYTES && short.ends_with(".jpeg"),
            "{short}"
        );
    }
}
