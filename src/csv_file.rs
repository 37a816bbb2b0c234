//! What the CSV files people save from Excel and export from CRMs have in common, for
//! every reader of them (`score`'s facts, `conform`'s logs and staff lists): the separator
//! a header line shows, and the UTF-16 that Excel's "Unicode text" writes.

/// Why a CSV file that starts as UTF-16 text cannot be read, and what to do.
pub const UTF16_ADVICE: &str =
    "the file is UTF-16 text (Excel's \"Unicode text\"): save it as \"CSV UTF-8\"";

/// Whether `bytes` start as UTF-16 text does, with its byte-order mark.
pub fn utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

/// The separator a CSV file's header line uses: `;` (Excel in a Russian locale), a tab,
/// or `,`.
pub fn delimiter(header: &str) -> u8 {
    if header.contains(';') {
        b';'
    } else if header.contains('\t') {
        b'\t'
    } else {
        b','
    }
}
