//! What kind of file some bytes are, judged by the bytes themselves. A sender's content type
//! is a claim: a file is shown inline only when its first bytes agree, so a page can never be
//! made to render markup (HTML, SVG) it received, whatever the pointer says.

/// A kind of file this client can show or play inline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MediaKind {
    /// A raster image.
    Image,
    /// A video.
    Video,
    /// Audio (voice messages included).
    Audio,
}

/// A content type recognised from the bytes: its MIME type and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    /// The MIME type the bytes show.
    pub mime: &'static str,
    /// How it can be shown.
    pub kind: MediaKind,
}

const fn image(mime: &'static str) -> Sniffed {
    Sniffed {
        mime,
        kind: MediaKind::Image,
    }
}
const fn video(mime: &'static str) -> Sniffed {
    Sniffed {
        mime,
        kind: MediaKind::Video,
    }
}
const fn audio(mime: &'static str) -> Sniffed {
    Sniffed {
        mime,
        kind: MediaKind::Audio,
    }
}

/// The media type the bytes are, if one this client shows inline. No markup format is ever
/// recognised.
pub fn sniff(bytes: &[u8]) -> Option<Sniffed> {
    let at = |offset: usize, magic: &[u8]| bytes.get(offset..offset + magic.len()) == Some(magic);
    if at(0, b"\xff\xd8\xff") {
        return Some(image("image/jpeg"));
    }
    if at(0, b"\x89PNG\r\n\x1a\n") {
        return Some(image("image/png"));
    }
    if at(0, b"GIF87a") || at(0, b"GIF89a") {
        return Some(image("image/gif"));
    }
    if at(0, b"RIFF") && at(8, b"WEBP") {
        return Some(image("image/webp"));
    }
    if at(0, b"RIFF") && at(8, b"WAVE") {
        return Some(audio("audio/wav"));
    }
    if at(0, b"BM") && bytes.len() > 26 {
        return Some(image("image/bmp"));
    }
    if at(4, b"ftyp") {
        // ISO media: the brand says whether it is a picture, sound or film.
        let brand = bytes.get(8..12).unwrap_or(b"");
        return Some(match brand {
            b"avif" | b"avis" => image("image/avif"),
            b"heic" | b"heix" | b"mif1" | b"msf1" => image("image/heic"),
            b"M4A " | b"M4B " => audio("audio/mp4"),
            b"qt  " => video("video/quicktime"),
            _ => video("video/mp4"),
        });
    }
    if at(0, b"\x1a\x45\xdf\xa3") {
        // Matroska or WebM; a voice note recorded by a browser is WebM too, so the sender's
        // claim decides between audio and video (see [`agrees`]).
        return Some(video("video/webm"));
    }
    if at(0, b"OggS") {
        return Some(audio("audio/ogg"));
    }
    if at(0, b"ID3") || (bytes.len() > 1 && bytes[0] == 0xff && bytes[1] & 0xe0 == 0xe0) {
        // MP3 (ID3 tag, or an MPEG audio frame; AAC in ADTS looks the same and plays alike).
        return Some(audio("audio/mpeg"));
    }
    if at(0, b"fLaC") {
        return Some(audio("audio/flac"));
    }
    None
}

/// The type to show a file as: what the bytes are when the sender's claim agrees with them
/// (the same kind: an `audio/…` claim for WebM or MP4 bytes plays as audio), else nothing —
/// the file is then offered as a download only.
pub fn agrees(claimed: Option<&str>, bytes: &[u8]) -> Option<Sniffed> {
    let found = sniff(bytes)?;
    let claimed = claimed?.trim().to_ascii_lowercase();
    let top = claimed.split('/').next().unwrap_or("");
    match (top, found.kind) {
        ("image", MediaKind::Image) => Some(found),
        ("video", MediaKind::Video) => Some(found),
        ("audio", MediaKind::Audio) => Some(found),
        // Containers that hold either.
        ("audio", MediaKind::Video) => Some(Sniffed {
            mime: match found.mime {
                "video/webm" => "audio/webm",
                _ => "audio/mp4",
            },
            kind: MediaKind::Audio,
        }),
        ("video", MediaKind::Audio) if found.mime == "audio/mp4" => Some(video("video/mp4")),
        _ => None,
    }
}

/// A content type for a file being sent, from its bytes, else its name's extension, else
/// `application/octet-stream`.
pub fn for_upload(name: &str, bytes: &[u8]) -> &'static str {
    if let Some(s) = sniff(bytes) {
        return s.mime;
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "md" | "log" | "csv" => "text/plain",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "json" => "application/json",
        "m4a" | "aac" => "audio/aac",
        "opus" => "audio/ogg",
        "mov" => "video/quicktime",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_decide() {
        assert_eq!(
            sniff(b"\xff\xd8\xff\xe0rest").map(|s| s.mime),
            Some("image/jpeg")
        );
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n....").map(|s| s.kind),
            Some(MediaKind::Image)
        );
        assert_eq!(
            sniff(b"RIFF\0\0\0\0WEBPVP8 ").map(|s| s.mime),
            Some("image/webp")
        );
        assert_eq!(
            sniff(b"\0\0\0\x20ftypM4A \0").map(|s| s.kind),
            Some(MediaKind::Audio)
        );
        assert_eq!(
            sniff(b"\0\0\0\x20ftypisom").map(|s| s.kind),
            Some(MediaKind::Video)
        );
        assert_eq!(sniff(b"OggS\0").map(|s| s.mime), Some("audio/ogg"));
        for markup in [
            &b"<svg xmlns='http://www.w3.org/2000/svg'/>"[..],
            b"<!DOCTYPE html><script>",
            b"\xef\xbb\xbf<html>",
            b"",
            b"\xff",
        ] {
            assert_eq!(sniff(markup), None, "{markup:?}");
        }
    }

    #[test]
    fn a_claim_must_agree_with_the_bytes() {
        let png = b"\x89PNG\r\n\x1a\n....";
        assert_eq!(
            agrees(Some("image/png"), png).map(|s| s.mime),
            Some("image/png")
        );
        // The bytes' own type wins over a wrong subtype of the same kind.
        assert_eq!(
            agrees(Some("image/jpeg"), png).map(|s| s.mime),
            Some("image/png")
        );
        assert_eq!(agrees(Some("image/svg+xml"), b"<svg/>"), None);
        assert_eq!(agrees(Some("text/html"), png), None);
        assert_eq!(agrees(None, png), None);
        let webm = b"\x1a\x45\xdf\xa3....";
        assert_eq!(
            agrees(Some("audio/webm"), webm).map(|s| s.kind),
            Some(MediaKind::Audio)
        );
        assert_eq!(
            agrees(Some("video/webm"), webm).map(|s| s.kind),
            Some(MediaKind::Video)
        );
    }

    #[test]
    fn uploads_are_typed_by_bytes_then_name() {
        assert_eq!(for_upload("x.bin", b"\xff\xd8\xff\xe0"), "image/jpeg");
        assert_eq!(for_upload("notes.TXT", b"hello"), "text/plain");
        assert_eq!(
            for_upload("page.html", b"<html>"),
            "application/octet-stream"
        );
        assert_eq!(for_upload("noext", b"??"), "application/octet-stream");
    }
}
