//! Aligned plain-text tables for people reading a terminal.

use std::io::Write;

use crate::sanitize::for_terminal;

/// Prints aligned columns; the last column is left unpadded so long titles do not wrap others.
/// Cells are escaped before they are measured, so a control character in a value neither
/// reaches the terminal nor shifts the columns after it.
pub(super) fn table(
    out: &mut dyn Write,
    headers: &[&str],
    rows: Vec<Vec<String>>,
) -> anyhow::Result<()> {
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|cell| for_terminal(&cell).into_owned())
                .collect()
        })
        .collect();
    let width = |s: &str| s.chars().count();
    let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let last = cells.len().saturating_sub(1);
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    c.to_string()
                } else {
                    format!("{c}{}", " ".repeat(widths[i] - width(c)))
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    writeln!(out, "{}", line(headers.to_vec()))?;
    for row in &rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
}
