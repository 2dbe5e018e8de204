//! Padding of the serialized Content before it is signed and sealed (messaging.md §2.1).

/// Padded messages are a whole number of these blocks.
pub const BLOCK: usize = 160;

/// Byte that ends the content and starts the padding.
pub const MARKER: u8 = 0x80;

/// Pads as current libsession does: `content ‖ 0x80 ‖ 0x00…` up to the next multiple of 160
/// (a whole extra block when `content.len() + 1` already is one).
pub fn pad(content: &[u8]) -> Vec<u8> {
    let zeros = BLOCK - (content.len() + 1) % BLOCK;
    let mut out = Vec::with_capacity(content.len() + 1 + zeros);
    out.extend_from_slice(content);
    out.push(MARKER);
    out.resize(content.len() + 1 + zeros, 0);
    out
}

/// Removes either padding style (current: multiple of 160; older clients: multiple of 160
/// minus one) without assuming any length: trailing zeros, then the `0x80` marker. Input whose
/// last non-zero byte is not the marker is returned whole, as unpadded content.
pub fn unpad(padded: &[u8]) -> &[u8] {
    let end = padded.iter().rposition(|&b| b != 0);
    match end {
        Some(i) if padded.get(i) == Some(&MARKER) => padded.get(..i).unwrap_or(padded),
        _ => padded,
    }
}
