//! Reading requirement-set files (DESIGN §4) into `domain::RequirementSet`, and checking a
//! library of them for clashing ids.
//!
//! The file is parsed into toml's spanned document tree and walked by hand rather than through
//! serde, so that every mistake carries its line, column and field path, and all mistakes of a
//! file are reported at once instead of the first only.

use std::collections::HashMap;

use toml::de::DeTable;

use super::FORMAT;
use super::dates::read_dates;
use super::error::{CatalogError, Expected, Problem, TomlType};
use super::fields::{self, Cx, Value, check_keys, join, nth, required};
use super::references::{Known, Reference, Target, check_references};
use super::requirement::parse_requirement;
use crate::domain::requirement::{RequirementId, hash_bytes};
use crate::domain::set::{RequirementSet, SetId, SetVersion, Source};
use crate::domain::text::Text;

const TOP_KEYS: &[&str] = &[
    "format",
    "id",
    "version",
    "title",
    "description",
    "sources",
    "date",
    "requirement",
];
const SOURCE_KEYS: &[&str] = &["name", "ref"];

/// Where an id stands in its file, for pointing at clashes with other files.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Located {
    field: String,
    line: usize,
    column: usize,
}

/// A set read from one file, with where its ids stand.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedSet {
    /// The file as the caller named it.
    pub file: String,
    pub set: RequirementSet,
    /// `hash_bytes` of the file as read; tells whether the file changed.
    pub source_hash: String,
    set_id_at: Located,
    /// Parallel to `set.requirements`.
    requirement_ids_at: Vec<Located>,
    /// Every `see` and `applies_from`, in file order.
    references: Vec<Reference>,
}

impl ParsedSet {
    pub(crate) fn references(&self) -> &[Reference] {
        &self.references
    }
}

/// The requirements of a file as read, with where their ids and references stand.
struct ReadRequirements {
    requirements: Option<Vec<crate::domain::Requirement>>,
    ids_at: Vec<Located>,
    references: Vec<Reference>,
}

/// Reads one set file. `file` names it in messages. On failure, every mistake found, in reading
/// order.
pub fn parse_set(file: &str, source: &str) -> Result<ParsedSet, Vec<CatalogError>> {
    let mut cx = Cx::new(file, source);
    let doc = match DeTable::parse(source) {
        Ok(doc) => doc,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let message = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
            cx.report(offset, "toml", Problem::Syntax { message });
            return Err(cx.into_errors());
        }
    };
    // The document root has no span of its own; its start is the start of the file.
    let root = doc.get_ref();
    if !format_supported(&mut cx, root) {
        return Err(cx.into_errors());
    }
    let header = read_header(&mut cx, root);
    let read = read_requirements(&mut cx, root);
    match (header, read.requirements) {
        (Some((set, set_id_at)), Some(requirements)) if !cx.has_errors() => Ok(ParsedSet {
            file: file.to_string(),
            set: RequirementSet {
                requirements,
                ..set
            },
            source_hash: hash_bytes(source.as_bytes()),
            set_id_at,
            requirement_ids_at: read.ids_at,
            references: read.references,
        }),
        _ => Err(cx.into_errors()),
    }
}

/// `format = 1`. A file of another format version is not read further: its other keys may mean
/// something else there, and a list of errors about them would only mislead.
fn format_supported(cx: &mut Cx<'_>, root: &DeTable<'_>) -> bool {
    let Some(value) = root.get("format") else {
        // A forgotten line; the rest is still worth checking.
        cx.report(0, "format", Problem::MissingFormat);
        return true;
    };
    match fields::raw_integer(cx, value, "format") {
        Some(Ok(FORMAT)) | None => true,
        Some(Ok(n)) => {
            cx.report(value.span().start, "format", unsupported(n.to_string()));
            false
        }
        Some(Err(text)) => {
            cx.report(value.span().start, "format", unsupported(text));
            false
        }
    }
}

fn unsupported(found: String) -> Problem {
    Problem::UnsupportedFormat { found }
}

/// Everything but the requirements, and where the set id stands.
fn read_header(cx: &mut Cx<'_>, root: &DeTable<'_>) -> Option<(RequirementSet, Located)> {
    let keys_ok = check_keys(cx, root, "", TOP_KEYS);
    let id_value = required(cx, root, 0, "", "id");
    let id = id_value.and_then(|v| set_id(cx, v));
    let version = required(cx, root, 0, "", "version").and_then(|v| set_version(cx, v));
    let title = required(cx, root, 0, "", "title").and_then(|v| fields::title(cx, v, "title"));
    let description = match root.get("description") {
        None => Some(Text::default()),
        Some(v) => fields::text(cx, v, "description"),
    };
    let sources = match root.get("sources") {
        None => Some(Vec::new()),
        Some(v) => read_sources(cx, v),
    };
    let dates = read_dates(cx, root);
    let id_at = id_value.map(|v| located(cx, v, "id"))?;
    let set = RequirementSet {
        id: id?,
        version: version?,
        title: title?,
        description: description?,
        sources: sources?,
        requirements: Vec::new(),
        dates: dates?,
    };
    keys_ok.then_some((set, id_at))
}

fn located(cx: &Cx<'_>, value: &Value<'_>, field: &str) -> Located {
    let (line, column) = cx.position(value.span().start);
    Located {
        field: field.to_string(),
        line,
        column,
    }
}

fn set_id(cx: &mut Cx<'_>, value: &Value<'_>) -> Option<SetId> {
    let raw = fields::string(cx, value, "id")?;
    match SetId::parse(raw) {
        Ok(id) => Some(id),
        Err(reason) => {
            let value_text = raw.to_string();
            let problem = Problem::BadSetId {
                value: value_text,
                reason,
            };
            cx.report(value.span().start, "id", problem);
            None
        }
    }
}

fn set_version(cx: &mut Cx<'_>, value: &Value<'_>) -> Option<SetVersion> {
    let raw = fields::string(cx, value, "version")?;
    match SetVersion::parse(raw) {
        Ok(v) => Some(v),
        Err(_) => {
            let problem = Problem::BadVersion {
                value: raw.to_string(),
            };
            cx.report(value.span().start, "version", problem);
            None
        }
    }
}

/// `sources = [ { name = "…", ref = "…" } ]`.
fn read_sources(cx: &mut Cx<'_>, value: &Value<'_>) -> Option<Vec<Source>> {
    let items = fields::array(cx, value, "sources", Expected::ListOfTables)?;
    let sources: Vec<Option<Source>> = items
        .iter()
        .enumerate()
        .map(|(i, item)| read_source(cx, item, &nth("sources", i)))
        .collect();
    sources.into_iter().collect()
}

fn read_source(cx: &mut Cx<'_>, item: &Value<'_>, path: &str) -> Option<Source> {
    let table = fields::table(cx, item, path, Expected::Type(TomlType::Table))?;
    let keys_ok = check_keys(cx, table, path, SOURCE_KEYS);
    let name = required(cx, table, item.span().start, path, "name")
        .and_then(|v| fields::non_empty_string(cx, v, &join(path, "name")));
    let reference = match table.get("ref") {
        None => Some(String::new()),
        Some(v) => fields::string(cx, v, &join(path, "ref")).map(str::to_string),
    };
    let source = Source {
        name: name?,
        reference: reference?,
    };
    keys_ok.then_some(source)
}

/// The `[[requirement]]` tables, with duplicate ids within the file reported at the later one.
fn read_requirements(cx: &mut Cx<'_>, root: &DeTable<'_>) -> ReadRequirements {
    let none = ReadRequirements {
        requirements: None,
        ids_at: Vec::new(),
        references: Vec::new(),
    };
    // A file is read to be imported or checked as part of a library; one without requirements
    // is a mistake (a new own set may start empty, but it is made in the program, not here).
    let Some(value) = root.get("requirement") else {
        cx.report(0, "requirement", Problem::NoRequirements);
        return none;
    };
    // A single `[requirement]` table is a common slip; it is refused as not being a list.
    let Some(items) = fields::array(cx, value, "requirement", Expected::ListOfTables) else {
        return none;
    };
    if items.is_empty() {
        cx.report(value.span().start, "requirement", Problem::NoRequirements);
        return none;
    }
    let mut first_seen: HashMap<RequirementId, usize> = HashMap::new();
    let mut requirements = Some(Vec::with_capacity(items.len()));
    let mut ids_at = Vec::with_capacity(items.len());
    let mut references = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let path = nth("requirement", i);
        let read = parse_requirement(cx, item, &path);
        references.extend(
            read.references
                .into_iter()
                .map(|(target, field, offset)| reference(cx, target, field, offset)),
        );
        if let Some((id, offset)) = &read.id {
            let (line, column) = cx.position(*offset);
            if let Some(first_line) = first_seen.get(id) {
                let problem = Problem::DuplicateRequirementId {
                    id: id.to_string(),
                    first_file: cx.file().to_string(),
                    first_line: *first_line,
                };
                cx.report(*offset, join(&path, "id"), problem);
            } else {
                first_seen.insert(id.clone(), line);
            }
            ids_at.push(Located {
                field: join(&path, "id"),
                line,
                column,
            });
        }
        requirements = requirements.zip(read.requirement).map(|(mut all, r)| {
            all.push(r);
            all
        });
    }
    ReadRequirements {
        requirements,
        ids_at,
        references,
    }
}

fn reference(cx: &Cx<'_>, target: Target, field: String, offset: usize) -> Reference {
    let (line, column) = cx.position(offset);
    Reference {
        target,
        field,
        line,
        column,
    }
}

/// Clashes between the sets of a library: a set id or a requirement id used in two files. Each
/// error points at the later occurrence and names the earlier file and line.
pub fn check_library(sets: &[ParsedSet]) -> Vec<CatalogError> {
    let mut errors = Vec::new();
    let mut set_ids: HashMap<&SetId, (&str, usize)> = HashMap::new();
    let mut requirement_ids: HashMap<&RequirementId, (&str, usize)> = HashMap::new();
    for parsed in sets {
        let at = &parsed.set_id_at;
        if let Some((first_file, first_line)) = set_ids.get(&parsed.set.id) {
            let problem = Problem::DuplicateSetId {
                id: parsed.set.id.to_string(),
                first_file: first_file.to_string(),
                first_line: *first_line,
            };
            errors.push(error_at(parsed, at, problem));
        } else {
            set_ids.insert(&parsed.set.id, (&parsed.file, at.line));
        }
        for (r, at) in parsed
            .set
            .requirements
            .iter()
            .zip(&parsed.requirement_ids_at)
        {
            if let Some((first_file, first_line)) = requirement_ids.get(&r.id) {
                let problem = Problem::DuplicateRequirementId {
                    id: r.id.to_string(),
                    first_file: first_file.to_string(),
                    first_line: *first_line,
                };
                errors.push(error_at(parsed, at, problem));
            } else {
                requirement_ids.insert(&r.id, (&parsed.file, at.line));
            }
        }
    }
    errors
}

fn error_at(parsed: &ParsedSet, at: &Located, problem: Problem) -> CatalogError {
    CatalogError {
        file: parsed.file.clone(),
        line: at.line,
        column: at.column,
        field: at.field.clone(),
        problem,
    }
}

/// Reads every `(file name, contents)` and checks them as one library. On failure, every
/// mistake of every file (in the order given), then the clashes between files, then the
/// references (`see`, `applies_from`) that point at nothing among them.
pub fn validate_files(files: &[(String, String)]) -> Result<Vec<ParsedSet>, Vec<CatalogError>> {
    validate_files_with(files, &Known::default())
}

/// [`validate_files`], where references may also point at what `known` holds (the built-in
/// sets when own files are checked, the database's library at import).
pub fn validate_files_with(
    files: &[(String, String)],
    known: &Known,
) -> Result<Vec<ParsedSet>, Vec<CatalogError>> {
    let mut errors = Vec::new();
    let mut sets = Vec::with_capacity(files.len());
    for (file, source) in files {
        match parse_set(file, source) {
            Ok(parsed) => sets.push(parsed),
            Err(mut e) => errors.append(&mut e),
        }
    }
    // Clashes among the files that did parse are worth knowing in the same run.
    errors.extend(check_library(&sets));
    errors.extend(check_references(&sets, known));
    if errors.is_empty() {
        Ok(sets)
    } else {
        Err(errors)
    }
}
