//! Font faces and which face draws which character.
//!
//! The bundled faces are subsets of Noto Sans CJK SC (Regular, Bold) and Noto Sans Mono CJK
//! SC, made once by `fonts/subset.sh` and compiled into the binary, so one family draws Latin
//! and Chinese on a machine without any fonts. Faces the user names come first, in their
//! order; a character none of them has falls back to the bundled faces, and a character no
//! face has is reported, never dropped silently.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use printpdf::{FontId, ParsedFont, PdfFont};

use super::PdfError;

const BUNDLED_REGULAR: &[u8] = include_bytes!("../../../fonts/NotoSansCJKsc-Regular-subset.otf");
const BUNDLED_BOLD: &[u8] = include_bytes!("../../../fonts/NotoSansCJKsc-Bold-subset.otf");
const BUNDLED_MONO: &[u8] = include_bytes!("../../../fonts/NotoSansMonoCJKsc-Regular-subset.otf");

/// A font the user names for text the bundled faces cannot draw (Traditional Chinese,
/// Japanese, Korean, …) or simply prefers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontFile {
    /// A TrueType/OpenType file or collection (`.ttf`, `.otf`, `.ttc`).
    pub path: PathBuf,
    /// The face inside a collection; 0 for a single-face file.
    pub index: usize,
    /// The bold face, if the family has one; otherwise bold is drawn by stroking the outline.
    pub bold: Option<PathBuf>,
}

/// How a run of text is set: selects the face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Weight {
    Regular,
    Bold,
    Mono,
}

/// One loaded face with the metrics the layout needs.
///
/// Glyph ids are looked up here once per character and style and handed to printpdf as
/// such: its own per-character cmap lookup dominated the render time.
pub(super) struct Face {
    /// Resource name in the PDF; its first six letters are the subset tag.
    pub id: FontId,
    pub parsed: Arc<ParsedFont>,
    units_per_em: f32,
}

impl Face {
    fn new(parsed: Arc<ParsedFont>, id: String) -> Face {
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em.max(1));
        Face {
            id: FontId(id),
            parsed,
            units_per_em,
        }
    }

    /// Glyph id and advance in em of `c`, if the face has a glyph for it.
    fn glyph(&self, c: char) -> Option<(u16, f32)> {
        let gid = self
            .parsed
            .lookup_glyph_index(c as u32)
            .filter(|g| *g != 0)?;
        let advance = f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em;
        Some((gid, advance))
    }
}

/// Where a character is drawn from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Glyph {
    /// Index into [`FontSet::faces`].
    pub face: u8,
    /// Glyph id in that face (0: the missing-glyph box).
    pub gid: u16,
    /// Advance in em.
    pub advance: f32,
    /// Bold asked for but the face is regular: drawn stroked.
    pub fake_bold: bool,
}

/// The faces of one report and the characters no face could draw.
pub(super) struct FontSet {
    pub faces: Vec<Face>,
    /// (regular, bold) face indices, user families first, the bundled family last.
    families: Vec<(u8, Option<u8>)>,
    mono: u8,
    cache: HashMap<(char, Weight), Option<Glyph>>,
    /// Characters drawn as the missing-glyph box, for the warning.
    pub missing: BTreeSet<char>,
}

/// The bundled faces, parsed once per process: parsing a CJK face costs milliseconds.
fn bundled() -> &'static [Arc<ParsedFont>; 3] {
    static FACES: OnceLock<[Arc<ParsedFont>; 3]> = OnceLock::new();
    FACES.get_or_init(|| {
        let parse = |bytes: &[u8]| {
            let mut warnings = Vec::new();
            let face = ParsedFont::from_bytes(bytes, 0, &mut warnings)
                .expect("the bundled fonts are valid OpenType files");
            Arc::new(face)
        };
        [
            parse(BUNDLED_REGULAR),
            parse(BUNDLED_BOLD),
            parse(BUNDLED_MONO),
        ]
    })
}

/// The largest font file read: the biggest CJK collections are about 120 MB.
pub const MAX_FONT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads a font file: a regular file (not a device or a pipe, which could be endless
/// or block forever) of at most [`MAX_FONT_BYTES`].
fn read_font_file(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, Read};
    let file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(Error::other("not a regular file"));
    }
    if meta.len() > MAX_FONT_BYTES {
        return Err(Error::other(format!(
            "{} bytes, more than the {MAX_FONT_BYTES} a font file may have",
            meta.len()
        )));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FONT_BYTES).read_to_end(&mut bytes)?;
    Ok(bytes)
}

fn load_file(path: &std::path::Path, index: usize) -> Result<Arc<ParsedFont>, PdfError> {
    let bytes = read_font_file(path).map_err(|source| PdfError::FontRead {
        path: path.to_path_buf(),
        source,
    })?;
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(&bytes, index, &mut warnings)
        .map(Arc::new)
        .ok_or_else(|| PdfError::FontParse {
            path: path.to_path_buf(),
            index,
        })
}

/// A subset tag (six capital letters) for face `n`.
fn tag(prefix: &str, n: usize) -> String {
    let letter = |k: usize| char::from(b'A' + (k % 26) as u8);
    format!("{prefix}{}{}", letter(n / 26), letter(n))
}

impl FontSet {
    /// The user's faces (in order) before the bundled ones.
    pub(super) fn new(user: &[FontFile]) -> Result<FontSet, PdfError> {
        let mut faces = Vec::new();
        let mut families = Vec::new();
        for (n, file) in user.iter().enumerate() {
            let regular = faces.len() as u8;
            faces.push(Face::new(
                load_file(&file.path, file.index)?,
                tag("STKU", n),
            ));
            let bold = match &file.bold {
                Some(path) => {
                    faces.push(Face::new(load_file(path, file.index)?, tag("STKB", n)));
                    Some(regular + 1)
                }
                None => None,
            };
            families.push((regular, bold));
        }
        let [regular, bold, mono] = bundled();
        let base = faces.len() as u8;
        faces.push(Face::new(regular.clone(), "STAKER".into()));
        faces.push(Face::new(bold.clone(), "STAKEB".into()));
        faces.push(Face::new(mono.clone(), "STAKEM".into()));
        families.push((base, Some(base + 1)));
        Ok(FontSet {
            faces,
            families,
            mono: base + 2,
            cache: HashMap::new(),
            missing: BTreeSet::new(),
        })
    }

    /// The face for `c` in `weight`; a character no face has is remembered as missing and
    /// drawn from the bundled regular face (its missing-glyph box).
    pub(super) fn glyph(&mut self, c: char, weight: Weight) -> Glyph {
        if let Some(found) = self.cache.get(&(c, weight)) {
            return found.unwrap_or_else(|| self.missing_glyph());
        }
        let found = self.find(c, weight);
        self.cache.insert((c, weight), found);
        found.unwrap_or_else(|| {
            if !c.is_whitespace() && !c.is_control() {
                self.missing.insert(c);
            }
            self.missing_glyph()
        })
    }

    fn find(&self, c: char, weight: Weight) -> Option<Glyph> {
        let at = |face: u8, fake_bold: bool| {
            self.faces[usize::from(face)]
                .glyph(c)
                .map(|(gid, advance)| Glyph {
                    face,
                    gid,
                    advance,
                    fake_bold,
                })
        };
        if weight == Weight::Mono
            && let Some(glyph) = at(self.mono, false)
        {
            return Some(glyph);
        }
        self.families
            .iter()
            .find_map(|&(regular, bold)| match (weight, bold) {
                (Weight::Bold, Some(bold)) => at(bold, false),
                (Weight::Bold, None) => at(regular, true),
                _ => at(regular, false),
            })
    }

    /// Face `index` for the PDF, with every character drawn from it recorded against its
    /// glyph id so that text extraction gives the characters back.
    pub(super) fn pdf_font(&self, index: usize) -> PdfFont {
        let mut parsed = self.faces[index].parsed.as_ref().clone();
        let mut drawn: Vec<(u16, char)> = self
            .cache
            .iter()
            .filter_map(|(&(c, _), glyph)| {
                glyph
                    .filter(|g| usize::from(g.face) == index)
                    .map(|g| (g.gid, c))
            })
            .collect();
        // Several characters may share a glyph: record the smallest, whatever the hash order.
        drawn.sort_unstable();
        drawn.dedup_by_key(|(gid, _)| *gid);
        for (gid, c) in drawn {
            parsed.cache_glyph_mapping(gid, c.encode_utf8(&mut [0; 4]));
        }
        if let Some(&c) = self.missing.first()
            && self.missing_glyph().face as usize == index
        {
            parsed.cache_glyph_mapping(0, c.encode_utf8(&mut [0; 4]));
        }
        PdfFont::new(parsed)
    }

    fn missing_glyph(&self) -> Glyph {
        let (regular, _) = *self
            .families
            .last()
            .expect("the bundled family is always there");
        Glyph {
            face: regular,
            gid: 0,
            advance: 0.5,
            fake_bold: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_and_han_come_from_the_bundled_family() {
        let mut fonts = FontSet::new(&[]).unwrap();
        let a = fonts.glyph('A', Weight::Regular);
        let han = fonts.glyph('中', Weight::Regular);
        let bold = fonts.glyph('中', Weight::Bold);
        assert_eq!(a.face, han.face);
        assert_ne!(han.face, bold.face);
        assert!(
            (han.advance - 1.0).abs() < 1e-3,
            "Han characters are one em wide"
        );
        assert!(a.advance > 0.4 && a.advance < 0.8);
        assert!(fonts.missing.is_empty());
    }

    #[test]
    fn code_uses_the_monospace_face_for_latin_only() {
        let mut fonts = FontSet::new(&[]).unwrap();
        let i = fonts.glyph('i', Weight::Mono);
        let m = fonts.glyph('m', Weight::Mono);
        assert_eq!(i.advance, m.advance);
        let han = fonts.glyph('中', Weight::Mono);
        assert_ne!(
            han.face, i.face,
            "Han falls back to the proportional family"
        );
    }

    #[test]
    fn characters_outside_the_subset_are_reported() {
        let mut fonts = FontSet::new(&[]).unwrap();
        // Hangul and a Traditional-only character are not in the GB2312 subset.
        fonts.glyph('한', Weight::Regular);
        fonts.glyph('們', Weight::Bold);
        fonts.glyph(' ', Weight::Regular);
        assert_eq!(fonts.missing.iter().collect::<String>(), "們한");
    }

    #[test]
    fn user_fonts_come_first_and_fall_back_to_the_bundled_family() {
        // The bundled monospace subset stands in for a user's font: Latin only, no bold.
        let file = FontFile {
            path: concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/fonts/NotoSansMonoCJKsc-Regular-subset.otf"
            )
            .into(),
            index: 0,
            bold: None,
        };
        let mut fonts = FontSet::new(&[file]).unwrap();
        let latin = fonts.glyph('A', Weight::Regular);
        assert_eq!(latin.face, 0, "the user's face draws what it can");
        let bold = fonts.glyph('A', Weight::Bold);
        assert_eq!(
            (bold.face, bold.fake_bold),
            (0, true),
            "no bold face: stroked"
        );
        let han = fonts.glyph('中', Weight::Regular);
        assert!(
            han.face > 0 && !han.fake_bold,
            "Han falls back to the bundled face"
        );
        assert!(fonts.missing.is_empty());
    }

    #[test]
    fn a_missing_user_font_names_its_path() {
        let file = FontFile {
            path: "/nonexistent/font.ttf".into(),
            index: 0,
            bold: None,
        };
        let err = FontSet::new(&[file]).err().unwrap();
        assert!(err.to_string().contains("/nonexistent/font.ttf"), "{err}");
    }
}
