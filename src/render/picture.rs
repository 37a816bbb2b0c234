//! Process maps as pictures, for the Word files: Word before 2016 and many viewers show no
//! SVG, so each map is rasterised to PNG with resvg. Its text is set in the DejaVu Sans
//! bundled with the binary (the font the maps' layout measures for), so Cyrillic renders the
//! same on a build server with no fonts at all, and the same model gives the same bytes.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Color, Pixmap, Transform};
use resvg::usvg::{self, fontdb};

/// DejaVu Sans, regular and bold (licence in `fonts/LICENSE`).
const FONTS: [&[u8]; 2] = [
    include_bytes!("fonts/DejaVuSans.ttf"),
    include_bytes!("fonts/DejaVuSans-Bold.ttf"),
];

/// The resolution the picture is drawn at for its printed size: sharp on paper and on a
/// high-density screen, a few hundred kilobytes a map.
const DOTS_PER_INCH: f64 = 200.0;

/// The most millimetres a unit of a drawing prints at: a small map is not blown up to fill
/// the page, its 12-unit text prints at about 9.5 pt at most.
const MAX_MM_PER_UNIT: f64 = 0.28;

/// English Metric Units a millimetre, the unit of a Word drawing's size.
const EMU_PER_MM: f64 = 36_000.0;

/// A drawing as a PNG, with the size it prints at.
pub struct Picture {
    /// The PNG file.
    pub png: Vec<u8>,
    /// Its printed width in EMU.
    pub width: u64,
    /// Its printed height in EMU.
    pub height: u64,
}

/// The bundled fonts, loaded once per process.
fn fonts() -> Arc<fontdb::Database> {
    static FONT_DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONT_DB
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            for font in FONTS {
                db.load_font_source(fontdb::Source::Binary(Arc::new(font)));
            }
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

/// `svg` drawn to fit a box of `max_width` × `max_height` millimetres, keeping its
/// proportions and growing no larger than `MAX_MM_PER_UNIT`; `None` if it is not a drawing resvg can read (the maps always are).
pub fn fitted(svg: &str, max_width: f64, max_height: f64) -> Option<Picture> {
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).ok()?;
    let (w, h) = (
        f64::from(tree.size().width()),
        f64::from(tree.size().height()),
    );
    // Millimetres a unit of the drawing prints at, then pixels a unit.
    let mm = (max_width / w).min(max_height / h).min(MAX_MM_PER_UNIT);
    let zoom = mm / 25.4 * DOTS_PER_INCH;
    let mut pixmap = Pixmap::new((w * zoom).ceil() as u32, (h * zoom).ceil() as u32)?;
    pixmap.fill(Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(zoom as f32, zoom as f32),
        &mut pixmap.as_mut(),
    );
    Some(Picture {
        png: pixmap.encode_png().ok()?,
        width: (w * mm * EMU_PER_MM).round() as u64,
        height: (h * mm * EMU_PER_MM).round() as u64,
    })
}

#[cfg(test)]
mod tests {
    use super::fitted;

    #[test]
    fn a_drawing_fits_its_box_in_proportion() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"><text x="5" y="30" font-size="12">Звонок</text></svg>"#;
        let picture = fitted(svg, 40.0, 100.0).expect("a drawing");
        // Width-bound: 40 mm wide, 10 mm high.
        assert_eq!((picture.width, picture.height), (1_440_000, 360_000));
        // A small drawing in a large box is not blown up: 0.28 mm a unit.
        let small = fitted(svg, 400.0, 400.0).expect("a drawing");
        assert_eq!((small.width, small.height), (2_016_000, 504_000));
        assert!(picture.png.starts_with(b"\x89PNG"));
        assert!(fitted("<not svg", 100.0, 100.0).is_none());
    }
}
