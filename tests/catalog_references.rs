//! References between the sets of a library: `see` names requirements and `applies_from` a
//! `[[date]]`, in the files read together or in what the library already holds. An unknown one
//! is refused with its file, line and field; the new fields read, write back and hash as
//! before when absent.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use kravkoll::catalog::{self, Known, Problem, builtin};
use kravkoll::domain::{DateKey, Lang, RequirementId};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/reference_sets");

fn file(name: &str) -> (String, String) {
    let text = std::fs::read_to_string(Path::new(DIR).join(name)).unwrap();
    (name.to_string(), text)
}

fn lines(errors: &[catalog::CatalogError], lang: Lang) -> Vec<String> {
    errors.iter().map(|e| e.message(lang)).collect()
}

#[test]
fn unknown_see_and_applies_from_name_file_line_and_field() {
    let errors = catalog::validate_files(&[file("ai.toml"), file("data.toml")]).unwrap_err();
    assert_eq!(
        lines(&errors, Lang::En),
        [
            "data.toml:12:18: requirement[1].see[2]: requirement NONE-01 is not in the library",
            "data.toml:19:16: requirement[2].applies_from: no date has the key no-such-date; it must be the key of a [[date]] in this set or another set of the library",
        ]
    );
    assert_eq!(
        lines(&errors, Lang::Sv)[0],
        "data.toml:12:18: requirement[1].see[2]: kravet NONE-01 finns inte i kravbiblioteket"
    );
    assert!(matches!(errors[0].problem, Problem::UnknownSee { .. }));
    assert!(matches!(errors[1].problem, Problem::UnknownDateKey { .. }));
}

#[test]
fn a_reference_to_another_file_resolves_only_when_read_together() {
    // ai.toml sees ZDATA-10 of data.toml: alone it is unknown.
    let errors = catalog::validate_files(&[file("ai.toml")]).unwrap_err();
    assert_eq!(
        lines(&errors, Lang::En),
        ["ai.toml:18:8: requirement[1].see[1]: requirement ZDATA-10 is not in the library"]
    );
    // What the library holds counts too (the built-ins, or the database at import).
    let mut known = Known::default();
    known.add_requirement("ZDATA-10");
    let parsed = catalog::validate_files_with(&[file("ai.toml")], &known).unwrap();
    let r = &parsed[0].set.requirements[0];
    assert_eq!(r.see, [RequirementId::parse("ZDATA-10").unwrap()]);
    assert_eq!(r.applies_from, DateKey::parse("zz-high-risk").ok());
    let d = &parsed[0].set.dates[0];
    assert_eq!(
        (d.key.as_str(), d.date.to_string(), d.basis.as_str()),
        ("zz-high-risk", "2027-12-02".to_string(), "AI Act art. 113")
    );
    assert_eq!(d.what.en, "Requirements on high-risk AI systems");
}

#[test]
fn own_files_may_refer_to_the_built_in_sets() {
    let builtins = builtin::load().unwrap();
    let some_id = builtins[0].set.requirements[0].id.to_string();
    let own = format!(
        "format = 1\nid = \"own\"\nversion = \"1\"\ntitle = {{ sv = \"Eget\" }}\n\n\
         [[requirement]]\nid = \"OWN-01\"\nkind = \"mandatory\"\ntitle = {{ sv = \"T\" }}\n\
         text = {{ sv = \"X\" }}\nsee = [\"{some_id}\"]\n"
    );
    let files = [("own.toml".to_string(), own)];
    assert!(catalog::validate_files(&files).is_err());
    let known = Known::of_sets(builtins.iter().map(|p| &p.set));
    assert!(catalog::validate_files_with(&files, &known).is_ok());
}

#[test]
fn the_new_fields_round_trip_through_the_writer() {
    let mut known = Known::default();
    known.add_requirement("ZDATA-10");
    let parsed = catalog::validate_files_with(&[file("ai.toml")], &known).unwrap();
    let set = &parsed[0].set;
    let written = catalog::to_toml(set);
    let back = catalog::parse_set("ai.toml", &written).unwrap();
    assert_eq!(&back.set, set);
    // A TOML date reads as the same day as a string.
    let native = written.replace("date = \"2027-12-02\"", "date = 2027-12-02");
    assert_ne!(native, written);
    assert_eq!(&catalog::parse_set("ai.toml", &native).unwrap().set, set);
}
