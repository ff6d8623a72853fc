//! PDF through LibreOffice: the DOCX is written to a private temporary directory and converted
//! there by `soffice --headless`, with a profile of its own so a running LibreOffice (or
//! another conversion at the same moment) does not hold the conversion up.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{CsvStyle, ExportError, Format, TenderDocument};

/// The Debian package to install for PDF export, named in the message when it is missing.
pub const PACKAGE: &str = "libreoffice-writer-nogui";

/// The LibreOffice program: `KRAVKOLL_SOFFICE` when set, else `soffice` on the path.
pub fn soffice() -> PathBuf {
    std::env::var_os("KRAVKOLL_SOFFICE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("soffice"))
}

/// Whether LibreOffice can be started.
pub fn available() -> bool {
    Command::new(soffice())
        .arg("--version")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The document as PDF: its DOCX converted by LibreOffice in a private temporary directory,
/// which is removed afterwards whatever happened.
pub fn render(doc: &TenderDocument) -> Result<Vec<u8>, ExportError> {
    let docx = super::render(doc, Format::Docx, CsvStyle::default())?;
    let dir = private_temp_dir()?;
    let result = (|| {
        let input = dir.join("kravspecifikation.docx");
        std::fs::write(&input, &docx).map_err(|e| file_error(&input, e))?;
        let pdf = convert(&input, &dir)?;
        std::fs::read(&pdf).map_err(|e| file_error(&pdf, e))
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn file_error(path: &Path, e: io::Error) -> ExportError {
    ExportError::File(crate::files::FileError::from_io(path, e))
}

/// A new directory only this user can enter, for the conversion's files and LibreOffice's
/// profile.
fn private_temp_dir() -> Result<PathBuf, ExportError> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let mut b = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    // A name left by an earlier process with the same id is skipped, never entered.
    let mut last = None;
    for _ in 0..100 {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("kravkoll-pdf-{}-{n}", std::process::id()));
        match b.create(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some((dir, e)),
            Err(e) => return Err(file_error(&dir, e)),
        }
    }
    let (dir, e) = last.unwrap_or_else(|| {
        let dir = std::env::temp_dir();
        (dir, io::Error::from(io::ErrorKind::AlreadyExists))
    });
    Err(file_error(&dir, e))
}

/// Converts `input` (a DOCX or HTML file) to PDF in `out_dir`; returns the PDF's path.
pub fn convert(input: &Path, out_dir: &Path) -> Result<PathBuf, ExportError> {
    let profile = out_dir.join("lo-profile");
    let profile_url = format!("file://{}", absolute(&profile).display());
    let mut cmd = Command::new(soffice());
    cmd.arg(format!("-env:UserInstallation={profile_url}"))
        .args(["--headless", "--norestore", "--convert-to"])
        .arg(target_filter(input))
        .arg("--outdir")
        .arg(out_dir)
        .arg(input)
        .stdin(Stdio::null());
    let output = match cmd.output() {
        Ok(o) => o,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(ExportError::NoLibreOffice),
        Err(e) => return Err(ExportError::Conversion(e.to_string())),
    };
    let stem = input.file_stem().unwrap_or_default();
    let pdf = out_dir.join(stem).with_extension("pdf");
    if !output.status.success() || !pdf.is_file() {
        let said = String::from_utf8_lossy(&output.stderr);
        let said = said.trim();
        return Err(ExportError::Conversion(if said.is_empty() {
            format!("soffice ended with {}", output.status)
        } else {
            crate::sanitize::for_terminal(said).into_owned()
        }));
    }
    Ok(pdf)
}

/// HTML opens in Writer/Web unless told otherwise, and Writer/Web's PDF filter is another.
fn target_filter(input: &Path) -> &'static str {
    match input.extension().and_then(|e| e.to_str()) {
        Some("html" | "htm") => "pdf:writer_web_pdf_Export",
        _ => "pdf",
    }
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf())
    }
}
