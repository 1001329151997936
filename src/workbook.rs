//! A minimal .xlsx writer: [`crate::spreadsheet::Sheet`]s as SpreadsheetML worksheets (text as
//! inline strings, numbers as numbers) in a zip archive whose entries are stored, not
//! compressed, checked by a bitwise CRC-32 (no lookup tables). It stays small in the page's
//! WebAssembly bundle, where a general workbook crate would not; see docs/measurements.md.

use crate::spreadsheet::{Cell, Sheet};

/// The .xlsx bytes of a workbook with these sheets, in order.
pub fn xlsx(sheets: &[Sheet]) -> Vec<u8> {
    let mut zip = Zip::default();
    let overrides: String = (1..=sheets.len())
        .map(|i| {
            format!(
                r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            )
        })
        .collect();
    zip.add(
        "[Content_Types].xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}</Types>"#
        ),
    );
    zip.add(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    let entries: String = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                r#"<sheet name="{}" sheetId="{}" r:id="rId{}"/>"#,
                escape(s.name),
                i + 1,
                i + 1
            )
        })
        .collect();
    zip.add(
        "xl/workbook.xml",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{entries}</sheets></workbook>"#
        ),
    );
    let rels: String = (1..=sheets.len())
        .map(|i| {
            format!(
                r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#
            )
        })
        .collect();
    zip.add(
        "xl/_rels/workbook.xml.rels",
        &format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        ),
    );
    for (i, s) in sheets.iter().enumerate() {
        zip.add(&format!("xl/worksheets/sheet{}.xml", i + 1), &worksheet(s));
    }
    zip.finish()
}

/// A sheet as a worksheet part.
fn worksheet(sheet: &Sheet) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in sheet.rows.iter().enumerate() {
        out += &format!(r#"<row r="{}">"#, r + 1);
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{}", column(c), r + 1);
            match cell {
                Cell::Text(t) => {
                    out += &format!(
                        r#"<c r="{at}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
                        escape(t)
                    )
                }
                Cell::Number(v) if v.is_finite() => {
                    out += &format!(r#"<c r="{at}"><v>{v}</v></c>"#)
                }
                Cell::Number(_) | Cell::Empty => {}
            }
        }
        out += "</row>";
    }
    out + "</sheetData></worksheet>"
}

/// A column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
fn column(mut c: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII")
}

/// Text escaped for XML, without the control characters XML 1.0 cannot hold.
fn escape(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for ch in t.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The CRC-32 (IEEE 802.3, as zip uses it) of `data`, bit by bit: a workbook is small, and
/// tables would cost the page's bundle 16 KB.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = (crc >> 1) ^ (0xEDB8_8320 & (crc & 1).wrapping_neg());
        }
    }
    !crc
}

/// A zip archive of stored entries.
#[derive(Default)]
struct Zip {
    /// The archive so far: local headers and data.
    bytes: Vec<u8>,
    /// The central directory so far.
    directory: Vec<u8>,
    /// Entries added.
    count: u16,
}

impl Zip {
    /// Adds a file `name` holding `text`, stored.
    fn add(&mut self, name: &str, text: &str) {
        let data = text.as_bytes();
        let crc = crc32(data);
        let size = data.len() as u32;
        let offset = self.bytes.len() as u32;
        let name_len = name.len() as u16;
        // Version 2.0, UTF-8 names (bit 11), stored, 1980-01-01 00:00.
        let common = |out: &mut Vec<u8>| {
            for v in [20u16, 0x0800, 0, 0, 0x0021] {
                out.extend(v.to_le_bytes());
            }
            out.extend(crc.to_le_bytes());
            out.extend(size.to_le_bytes());
            out.extend(size.to_le_bytes());
            out.extend(name_len.to_le_bytes());
            out.extend(0u16.to_le_bytes());
        };
        self.bytes.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut self.bytes);
        self.bytes.extend(name.as_bytes());
        self.bytes.extend(data);

        self.directory.extend(0x0201_4b50u32.to_le_bytes());
        self.directory.extend(20u16.to_le_bytes());
        common(&mut self.directory);
        for v in [0u16, 0, 0] {
            self.directory.extend(v.to_le_bytes());
        }
        self.directory.extend(0u32.to_le_bytes());
        self.directory.extend(offset.to_le_bytes());
        self.directory.extend(name.as_bytes());
        self.count += 1;
    }

    /// The archive, with its central directory and end record.
    fn finish(mut self) -> Vec<u8> {
        let at = self.bytes.len() as u32;
        let size = self.directory.len() as u32;
        self.bytes.extend(&self.directory);
        self.bytes.extend(0x0605_4b50u32.to_le_bytes());
        for v in [0u16, 0, self.count, self.count] {
            self.bytes.extend(v.to_le_bytes());
        }
        self.bytes.extend(size.to_le_bytes());
        self.bytes.extend(at.to_le_bytes());
        self.bytes.extend(0u16.to_le_bytes());
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_is_zips_crc_32() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn columns_are_lettered_as_spreadsheets_letter_them() {
        assert_eq!(column(0), "A");
        assert_eq!(column(25), "Z");
        assert_eq!(column(26), "AA");
        assert_eq!(column(27), "AB");
        assert_eq!(column(701), "ZZ");
        assert_eq!(column(702), "AAA");
    }

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(escape("a<b & \"c\"\u{1}"), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn a_workbook_is_a_zip_archive_with_one_part_per_sheet() {
        let sheet = |name| Sheet {
            name,
            rows: vec![vec![Cell::Text("x".into()), Cell::Number(1.5)]],
        };
        let bytes = xlsx(&[sheet("One"), sheet("Two")]);
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let end = &bytes[bytes.len() - 22..];
        assert_eq!(&end[..4], b"PK\x05\x06");
        // Content types, package and workbook relationships, workbook and two sheets.
        assert_eq!(u16::from_le_bytes([end[10], end[11]]), 6);
    }
}
