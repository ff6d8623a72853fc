//! PDF through LibreOffice: the DOCX is written to a private temporary directory and converted
//! there by `soffice --headless`, with a profile of its own so a running LibreOffice (or
//! another conversion at the same moment) does not hold the conversion up.

use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::ExportError;

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
