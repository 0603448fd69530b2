//! The last touches on the serialized document: outline, metadata and a content-derived
//! file identifier.
//!
//! printpdf writes its bookmarks flat and sorted by page and name, names its document
//! information after PDF/X, and takes the trailer `/ID` from a process-wide counter
//! (`printpdf::utils::random_number`), so the second PDF rendered in a process differs from
//! the first. We therefore add no bookmarks through printpdf, and set outline, `/Info` and
//! `/ID` here on its lopdf document. The `/ID` is a hash of the saved file with a
//! placeholder in its place, so equal content gives equal bytes.

use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use lopdf::{Dictionary, Document as LoDocument, Object, ObjectId, StringFormat};
use rayon::prelude::*;

/// One outline entry.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Bookmark {
    pub title: String,
    /// 1 for top-level entries.
    pub depth: u8,
    /// 0-based page index.
    pub page: usize,
    /// Top of the heading in PDF coordinates.
    pub y: f32,
}

/// Document information.
pub(super) struct Info<'a> {
    pub title: &'a str,
    pub author: Option<&'a str>,
    pub subject: Option<&'a str>,
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    /// BCP 47 tag.
    pub language: &'a str,
}

/// A PDF text string: UTF-16BE with a byte order mark.
fn text(s: &str) -> Object {
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// `YYYY-MM-DD` as a PDF date at midnight UTC; the report date, never the clock.
fn pdf_date(date: &str) -> String {
    let digits: String = date.chars().filter(char::is_ascii_digit).take(8).collect();
    format!("D:{digits:0<8}000000Z")
}

/// Serialize `doc` with outline, metadata and identifier.
pub(super) fn finish(
    mut doc: LoDocument,
    info: &Info,
    bookmarks: &[Bookmark],
) -> Result<Vec<u8>, std::io::Error> {
    doc.version = "1.7".into();
    let pages = doc.get_pages();
    let page_ids: Vec<ObjectId> = pages.values().copied().collect();
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(std::io::Error::other)?;

    let outline = outline(&mut doc, bookmarks, &page_ids);
    let mut info_dict = Dictionary::new();
    info_dict.set("Title", text(info.title));
    if let Some(author) = info.author {
        info_dict.set("Author", text(author));
    }
    if let Some(subject) = info.subject {
        info_dict.set("Subject", text(subject));
    }
    info_dict.set("Creator", text("stake"));
    info_dict.set("Producer", text("stake (printpdf)"));
    let date = Object::string_literal(pdf_date(info.date));
    info_dict.set("CreationDate", date.clone());
    info_dict.set("ModDate", date);
    let info_id = doc.add_object(info_dict);
    doc.trailer.set("Info", Object::Reference(info_id));

    if let Ok(catalog) = doc.get_dictionary_mut(root) {
        catalog.set("Lang", Object::string_literal(info.language));
        catalog.remove(b"Outlines");
        if let Some(outline) = outline {
            catalog.set("Outlines", Object::Reference(outline));
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        } else {
            catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
        }
    }

    // Identify the file by its content: save with a placeholder, hash, patch.
    const PLACEHOLDER: [u8; 16] = *b"stake-id-pending";
    let placeholder = Object::String(PLACEHOLDER.to_vec(), StringFormat::Literal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    deflate(&mut doc)?;
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes)?;
    let id = fingerprint(&bytes);
    let mut patched = 0;
    let mut end = bytes.len();
    while patched < 2 {
        let Some(at) = bytes[..end].windows(16).rposition(|w| w == PLACEHOLDER) else {
            break;
        };
        bytes[at..at + 16].copy_from_slice(&id);
        end = at;
        patched += 1;
    }
    debug_assert_eq!(patched, 2, "the trailer holds the placeholder twice");
    Ok(bytes)
}

/// Compress every stream not compressed yet, in parallel, at zlib level 3: lopdf's own
/// `compress` uses the best level, which took a third of the render time; level 3 deflates
/// the content streams of a 1,000-stakeholder report five times faster than level 9 for
/// 19% more bytes.
fn deflate(doc: &mut LoDocument) -> Result<(), std::io::Error> {
    doc.objects.par_iter_mut().try_for_each(|(_, object)| {
        let Object::Stream(stream) = object else {
            return Ok(());
        };
        if !stream.allows_compression || stream.dict.has(b"Filter") {
            return Ok(());
        }
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::new(3));
        encoder.write_all(&stream.content)?;
        let packed = encoder.finish()?;
        if packed.len() < stream.content.len() {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed);
        }
        Ok(())
    })
}

/// 16 bytes from the file: two FNV-1a hashes with different offsets, written as letters so
/// the literal string needs no escaping.
fn fingerprint(bytes: &[u8]) -> [u8; 16] {
    let fnv = |offset: u64| {
        bytes.iter().fold(offset, |h, &b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let (a, b) = (fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142));
    let mut id = [0u8; 16];
    for (i, nibble) in id.iter_mut().enumerate() {
        let h = if i < 8 { a } else { b };
        *nibble = b'a' + ((h >> ((i % 8) * 8)) % 26) as u8;
    }
    id
}

/// Build the outline tree; returns the outline dictionary's id.
fn outline(
    doc: &mut LoDocument,
    bookmarks: &[Bookmark],
    page_ids: &[ObjectId],
) -> Option<ObjectId> {
    let entries: Vec<&Bookmark> = bookmarks
        .iter()
        .filter(|b| b.page < page_ids.len())
        .collect();
    if entries.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = entries.iter().map(|_| doc.new_object_id()).collect();
    // Parent of each entry: the nearest earlier entry of smaller depth.
    let mut parents: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut stack: Vec<usize> = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&p| entries[p].depth >= entry.depth)
        {
            stack.pop();
        }
        parents.push(stack.last().copied());
        stack.push(i);
    }
    // Children of each entry, and of the outline root at index `n`.
    let n = entries.len();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n + 1];
    for (i, parent) in parents.iter().enumerate() {
        children[parent.unwrap_or(n)].push(i);
    }
    for (i, entry) in entries.iter().enumerate() {
        let siblings = &children[parents[i].unwrap_or(n)];
        let at = siblings
            .iter()
            .position(|&s| s == i)
            .expect("an entry is its parent's child");
        let mut dict = Dictionary::new();
        dict.set("Title", text(&entry.title));
        dict.set(
            "Parent",
            Object::Reference(parents[i].map_or(root, |p| ids[p])),
        );
        dict.set(
            "Dest",
            Object::Array(vec![
                Object::Reference(page_ids[entry.page]),
                Object::Name(b"XYZ".to_vec()),
                Object::Null,
                Object::Real(entry.y),
                Object::Null,
            ]),
        );
        if at > 0 {
            dict.set("Prev", Object::Reference(ids[siblings[at - 1]]));
        }
        if let Some(&next) = siblings.get(at + 1) {
            dict.set("Next", Object::Reference(ids[next]));
        }
        let kids = &children[i];
        if let (Some(&first), Some(&last)) = (kids.first(), kids.last()) {
            dict.set("First", Object::Reference(ids[first]));
            dict.set("Last", Object::Reference(ids[last]));
            // Negative: top-level sections open, deeper ones closed.
            let count = kids.len() as i64;
            dict.set(
                "Count",
                Object::Integer(if entry.depth == 1 { count } else { -count }),
            );
        }
        doc.objects.insert(ids[i], Object::Dictionary(dict));
    }
    let top = &children[n];
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Outlines".to_vec()));
    dict.set("First", Object::Reference(ids[top[0]]));
    dict.set(
        "Last",
        Object::Reference(ids[*top.last().expect("there is an entry")]),
    );
    dict.set("Count", Object::Integer(top.len() as i64));
    doc.objects.insert(root, Object::Dictionary(dict));
    Some(root)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_date_becomes_a_pdf_date() {
        assert_eq!(pdf_date("2026-11-20"), "D:20261120000000Z");
    }

    #[test]
    fn fingerprint_depends_on_every_byte() {
        let a = fingerprint(b"%PDF-1.7 one");
        let b = fingerprint(b"%PDF-1.7 onf");
        assert_ne!(a, b);
        assert_eq!(a, fingerprint(b"%PDF-1.7 one"));
        assert!(a.iter().all(u8::is_ascii_lowercase));
    }
}
