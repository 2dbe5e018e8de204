//! QR codes as one SVG path (no images, no inline styles: the page's CSP allows neither).

use qrcode::{Color, EcLevel, QrCode};

/// Modules of blank border around the code.
pub const QUIET_ZONE: usize = 2;

/// The side of the SVG in modules and the path drawing every dark module, or `None` if the
/// data does not fit in a QR code.
pub fn qr_path(data: &str) -> Option<(usize, String)> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let mut d = String::with_capacity(colors.len() * 6);
    for (i, c) in colors.iter().enumerate() {
        if *c == Color::Dark {
            let x = i % width + QUIET_ZONE;
            let y = i / width + QUIET_ZONE;
            d.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some((width + 2 * QUIET_ZONE, d))
}
