//! One requirement as TOML, for the program's requirement form: the form's fields are written
//! as the body of a `[[requirement]]` table and read back by the same parser as set files, so
//! a requirement typed in a form obeys exactly the rules of a requirement in a file.

use super::error::CatalogError;
use super::parse::parse_set;
use super::write;
use crate::domain::{Condition, Requirement};

/// Lines before the requirement table in the wrapper document.
const HEADER: &str =
    "format = 1\nid = \"form\"\nversion = \"1\"\ntitle = { sv = \"form\" }\n\n[[requirement]]\n";

/// Reads the keys of one requirement table.
pub fn requirement_from_toml(body: &str) -> Result<Requirement, Vec<CatalogError>> {
    let text = format!("{HEADER}{body}\n");
    let offset = HEADER.lines().count();
    let mut parsed = parse_set("form", &text).map_err(|errors| {
        errors
            .into_iter()
            .map(|mut e| {
                e.line = e.line.saturating_sub(offset);
                e.field = e.field.trim_start_matches("requirement[1].").to_string();
                e
            })
            .collect::<Vec<_>>()
    })?;
    parsed.set.requirements.pop().ok_or_else(Vec::new)
}

/// `applies_when` as the TOML value the form shows; empty for "always".
pub fn condition_to_toml(c: &Condition) -> String {
    write::condition(c).unwrap_or_default()
}

/// A string as a TOML string literal.
pub fn quote(s: &str) -> String {
    write::quote(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_requirement_body_round_trips_and_errors_name_the_field() {
        let body = "id = \"EGEN-01\"\nkind = \"mandatory\"\ntitle = { sv = \"Titel\" }\ntext = { sv = \"Leverantören ska …\" }\napplies_when = { secrecy = true }";
        let r = requirement_from_toml(body).unwrap();
        assert_eq!(r.id.as_str(), "EGEN-01");
        assert_eq!(condition_to_toml(&r.applies_when), "{ secrecy = true }");
        let bad = body.replace("secrecy = true", "secrecy = \"ja\"");
        let errors = requirement_from_toml(&bad).unwrap_err();
        assert_eq!(errors[0].field, "applies_when.secrecy");
        assert_eq!(errors[0].line, 5);
    }
}
