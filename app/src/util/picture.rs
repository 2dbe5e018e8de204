//! Pictures through the browser's own decoder and canvas: their size, a thumbnail to show
//! inline, and the centred square of an avatar. The browser decodes the file (turned as its
//! EXIF data says) and only its pixels reach what is made; markup is never drawn (the callers
//! check the bytes are a raster picture first).

use js_sys::Promise;
use std::fmt;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::browser;

/// JPEG quality of what is made here.
const JPEG_QUALITY: f64 = 0.9;

/// Why a picture could not be read or made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PictureError {
    /// The browser could not decode it.
    Unreadable,
    /// The browser could not draw or encode the result.
    Draw,
}

impl fmt::Display for PictureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PictureError::Unreadable => "the browser could not read this picture",
            PictureError::Draw => "the browser could not draw this picture",
        })
    }
}

impl std::error::Error for PictureError {}

// The browser's picture API, bound here for the few calls needed.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = ImageBitmap)]
    type Bitmap;
    #[wasm_bindgen(method, getter)]
    fn width(this: &Bitmap) -> u32;
    #[wasm_bindgen(method, getter)]
    fn height(this: &Bitmap) -> u32;
    #[wasm_bindgen(method)]
    fn close(this: &Bitmap);

    #[wasm_bindgen(js_name = HTMLCanvasElement)]
    type Canvas;
    #[wasm_bindgen(method, setter = width)]
    fn set_width(this: &Canvas, width: u32);
    #[wasm_bindgen(method, setter = height)]
    fn set_height(this: &Canvas, height: u32);
    #[wasm_bindgen(method, catch, js_name = getContext)]
    fn get_context(this: &Canvas, kind: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(method, catch, js_name = toBlob)]
    fn to_blob(
        this: &Canvas,
        done: &js_sys::Function,
        mime: &str,
        quality: f64,
    ) -> Result<(), JsValue>;

    #[wasm_bindgen(js_name = CanvasRenderingContext2D)]
    type Context2d;
    #[wasm_bindgen(method, setter = fillStyle)]
    fn set_fill_style(this: &Context2d, style: &str);
    #[wasm_bindgen(method, setter = imageSmoothingQuality)]
    fn set_image_smoothing_quality(this: &Context2d, quality: &str);
    #[wasm_bindgen(method, js_name = fillRect)]
    fn fill_rect(this: &Context2d, x: f64, y: f64, w: f64, h: f64);
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(method, catch, js_name = drawImage)]
    fn draw_image(
        this: &Context2d,
        image: &Bitmap,
        sx: f64,
        sy: f64,
        sw: f64,
        sh: f64,
        dx: f64,
        dy: f64,
        dw: f64,
        dh: f64,
    ) -> Result<(), JsValue>;

    #[wasm_bindgen(catch, js_name = createImageBitmap)]
    fn create_image_bitmap(source: &web_sys::Blob) -> Result<Promise, JsValue>;
}

async fn decode(file: &web_sys::Blob) -> Result<Bitmap, PictureError> {
    let decoding = create_image_bitmap(file).map_err(|_| PictureError::Unreadable)?;
    Ok(JsFuture::from(decoding)
        .await
        .map_err(|_| PictureError::Unreadable)?
        .unchecked_into())
}

/// A picture's width and height in pixels.
pub async fn dimensions(file: &web_sys::Blob) -> Result<(u32, u32), PictureError> {
    let bitmap = decode(file).await?;
    let size = (bitmap.width(), bitmap.height());
    bitmap.close();
    Ok(size)
}

/// The part of a `w`×`h` picture drawn, and the size it is drawn at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    /// Source rectangle: x, y, width, height.
    pub source: (f64, f64, f64, f64),
    /// Output width and height.
    pub out: (u32, u32),
}

/// The whole picture scaled to fit `max`×`max` (never enlarged).
pub fn fit_within(w: u32, h: u32, max: u32) -> Fit {
    let scale = (f64::from(max) / f64::from(w.max(h).max(1))).min(1.0);
    let out = (
        ((f64::from(w) * scale).round() as u32).max(1),
        ((f64::from(h) * scale).round() as u32).max(1),
    );
    Fit {
        source: (0.0, 0.0, f64::from(w), f64::from(h)),
        out,
    }
}

/// The centred square of the picture, at most `max` a side.
pub fn centred_square(w: u32, h: u32, max: u32) -> Fit {
    let side = w.min(h);
    let out = side.min(max).max(1);
    Fit {
        source: (
            f64::from((w - side) / 2),
            f64::from((h - side) / 2),
            f64::from(side),
            f64::from(side),
        ),
        out: (out, out),
    }
}

/// Draws `file` as `fit(w, h)` says and encodes it as a JPEG (on white, for pictures with
/// transparency).
async fn redraw(
    file: &web_sys::Blob,
    fit: impl Fn(u32, u32) -> Fit,
) -> Result<web_sys::Blob, PictureError> {
    let bitmap = decode(file).await?;
    let (w, h) = (bitmap.width(), bitmap.height());
    let drawn = if w == 0 || h == 0 {
        Err(PictureError::Unreadable)
    } else {
        draw(&bitmap, fit(w, h))
    };
    bitmap.close();
    let canvas = drawn?;
    let encoding = Promise::new(&mut |resolve, reject| {
        if canvas
            .to_blob(&resolve, "image/jpeg", JPEG_QUALITY)
            .is_err()
        {
            let _ = reject.call0(&JsValue::NULL);
        }
    });
    JsFuture::from(encoding)
        .await
        .ok()
        .and_then(|b| b.dyn_into::<web_sys::Blob>().ok())
        .ok_or(PictureError::Draw)
}

fn draw(bitmap: &Bitmap, fit: Fit) -> Result<Canvas, PictureError> {
    let canvas: Canvas = browser::document()
        .and_then(|d| d.create_element("canvas").ok())
        .ok_or(PictureError::Draw)?
        .unchecked_into();
    let (ow, oh) = fit.out;
    canvas.set_width(ow);
    canvas.set_height(oh);
    let ctx: Context2d = canvas
        .get_context("2d")
        .ok()
        .filter(|c| c.is_object())
        .ok_or(PictureError::Draw)?
        .unchecked_into();
    ctx.set_image_smoothing_quality("high");
    ctx.set_fill_style("#ffffff");
    let (ow, oh) = (f64::from(ow), f64::from(oh));
    ctx.fill_rect(0.0, 0.0, ow, oh);
    let (sx, sy, sw, sh) = fit.source;
    ctx.draw_image(bitmap, sx, sy, sw, sh, 0.0, 0.0, ow, oh)
        .map_err(|_| PictureError::Draw)?;
    Ok(canvas)
}

/// The centred square of the picture, at most `max` pixels a side, as a JPEG.
pub async fn square(file: &web_sys::Blob, max: u32) -> Result<web_sys::Blob, PictureError> {
    redraw(file, |w, h| centred_square(w, h, max)).await
}

/// The picture scaled to fit `max`×`max`, as a JPEG: what a bubble shows of a large picture.
pub async fn thumbnail(file: &web_sys::Blob, max: u32) -> Result<web_sys::Blob, PictureError> {
    redraw(file, |w, h| fit_within(w, h, max)).await
}
