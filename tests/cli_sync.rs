//! Sets shared between organisations as files in a folder (a git checkout): `sets sync DIR`
//! and `sets export --all --out DIR`, run as the real binary. A sync is all or nothing: a
//! conflict, a refusal or an invalid file leaves the database as it was.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::path::{Path, PathBuf};

mod cli_sandbox;

use cli_sandbox::{Sandbox, stderr};

/// A set file with one requirement, `<prefix>-01`, that demands `what`.
fn set_file(id: &str, version: &str, prefix: &str, what: &str) -> String {
    format!(
        r#"format = 1
id = "{id}"
version = "{version}"
title = {{ sv = "Paket {id}", en = "Set {id}" }}

[[requirement]]
id = "{prefix}-01"
kind = "mandatory"
title = {{ sv = "Krav {prefix}", en = "Requirement {prefix}" }}
text = {{ sv = "Leverantören ska {what}.", en = "The supplier shall {what}." }}
"#
    )
}

/// A folder `name` in the sandbox with the files given as `(file name, contents)`.
fn folder(s: &Sandbox, name: &str, files: &[(&str, String)]) -> PathBuf {
    let dir = s.dir.path().join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

/// The first folder: two sets of a region's shared repository.
fn folder_one(s: &Sandbox) -> PathBuf {
    folder(
        s,
        "delat",
        &[
            (
                "region-ai.toml",
                set_file("region-ai", "1.0", "RAI", "logga"),
            ),
            (
                "kommun-moln.toml",
                set_file("kommun-moln", "2026.1", "KMO", "kryptera"),
            ),
        ],
    )
}

fn sync(s: &Sandbox, dir: &Path, more: &[&str]) -> std::process::Output {
    let mut args = vec!["sets", "sync", dir.to_str().unwrap()];
    args.extend(more);
    s.run(&args)
}

fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// How many rows of a table end with `word`.
fn rows_ending(text: &str, word: &str) -> usize {
    text.lines()
        .filter(|l| l.trim_end().ends_with(word))
        .count()
}

/// `(id, versions)` of every own set in the library.
fn own_sets(s: &Sandbox) -> Vec<(String, i64)> {
    let list: serde_json::Value =
        serde_json::from_str(&s.ok(&["sets", "list", "--format", "json"])).unwrap();
    let mut own: Vec<(String, i64)> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["origin"] == "custom")
        .map(|x| {
            (
                x["id"].as_str().unwrap().to_string(),
                x["versions"].as_i64().unwrap(),
            )
        })
        .collect();
    own.sort();
    own
}

#[test]
fn a_folder_is_added_once_and_then_found_there() {
    let s = Sandbox::new();
    let one = folder_one(&s);
    let first = sync(&s, &one, &[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let text = stdout(&first);
    assert_eq!(rows_ending(&text, "tillagd"), 2, "{text}");
    assert!(
        text.contains("2 kravpaket tillagda, 0 fanns redan."),
        "{text}"
    );
    assert_eq!(
        own_sets(&s),
        vec![("kommun-moln".into(), 1), ("region-ai".into(), 1)]
    );

    let again = sync(&s, &one, &[]);
    assert!(again.status.success(), "{}", stderr(&again));
    let text = stdout(&again);
    assert_eq!(rows_ending(&text, "fanns redan"), 2, "{text}");
    assert!(
        text.contains("0 kravpaket tillagda, 2 fanns redan."),
        "{text}"
    );

    let english = sync(&s, &one, &["--lang", "en"]);
    assert!(
        stdout(&english).contains("0 sets added, 2 already there."),
        "{}",
        stdout(&english)
    );
}

#[test]
fn a_conflict_in_the_second_folder_stops_the_new_version_too() {
    let s = Sandbox::new();
    s.ok(&["sets", "sync", folder_one(&s).to_str().unwrap()]);
    let two = folder(
        &s,
        "andra",
        &[
            // A new version: would be added.
            (
                "region-ai-1.1.toml",
                set_file("region-ai", "1.1", "RAI", "logga allt"),
            ),
            // The same as in the library: already there.
            (
                "kommun-moln.toml",
                set_file("kommun-moln", "2026.1", "KMO", "kryptera"),
            ),
            // Version 1.0 changed in place: a conflict.
            (
                "region-ai.toml",
                set_file("region-ai", "1.0", "RAI", "logga lite"),
            ),
        ],
    );
    let stopped = sync(&s, &two, &[]);
    assert_eq!(stopped.status.code(), Some(1));
    let (out, err) = (stdout(&stopped), stderr(&stopped));
    assert!(out.contains("ny, inte importerad"), "{out}");
    assert!(out.contains("fanns redan"), "{out}");
    assert!(
        err.contains("andra/region-ai.toml: konflikt: version 1.0 av region-ai finns redan"),
        "{err}"
    );
    assert!(err.contains("1 konflikt hittades"), "{err}");
    assert!(err.contains("Inget importerades"), "{err}");
    // Nothing written, not even the new version.
    assert_eq!(
        own_sets(&s),
        vec![("kommun-moln".into(), 1), ("region-ai".into(), 1)]
    );
    let show = s.run(&["sets", "show", "region-ai", "--version", "1.1"]);
    assert_eq!(show.status.code(), Some(1));

    // With the conflicting file gone, the new version comes in.
    std::fs::remove_file(two.join("region-ai.toml")).unwrap();
    let text = s.ok(&["sets", "sync", two.to_str().unwrap()]);
    assert!(
        text.contains("1 kravpaket tillagt, 1 fanns redan."),
        "{text}"
    );
    assert_eq!(
        own_sets(&s),
        vec![("kommun-moln".into(), 1), ("region-ai".into(), 2)]
    );
}

#[test]
fn two_files_of_one_version_that_differ_conflict_and_a_builtin_id_is_refused() {
    let s = Sandbox::new();
    let dir = folder(
        &s,
        "krock",
        &[
            ("a.toml", set_file("region-ai", "1.0", "RAI", "logga")),
            ("b.toml", set_file("region-ai", "1.0", "RAI", "logga inte")),
            (
                "c.toml",
                set_file("hosting-location", "2099.1", "EHOST", "lagra"),
            ),
        ],
    );
    let o = sync(&s, &dir, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("krock/b.toml: konflikt: version 1.0 av region-ai finns också i")
            && err.contains("krock/a.toml med annat innehåll"),
        "{err}"
    );
    assert!(
        err.contains("krock/c.toml: det inbyggda kravpaketet hosting-location"),
        "{err}"
    );
    assert!(err.contains("1 konflikt och 1 fel hittades"), "{err}");
    assert!(own_sets(&s).is_empty());
}

#[test]
fn an_invalid_file_is_named_with_its_line_and_nothing_is_written() {
    let s = Sandbox::new();
    let bad = set_file("trasig", "1", "TRA", "fungera").replace("mandatory", "ska");
    let dir = folder(
        &s,
        "blandat",
        &[
            ("bra.toml", set_file("region-ai", "1.0", "RAI", "logga")),
            ("trasig.toml", bad),
        ],
    );
    let o = sync(&s, &dir, &[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("blandat/trasig.toml:8:8: requirement[1].kind"),
        "{err}"
    );
    assert!(err.contains("Inget importerades"), "{err}");
    assert!(own_sets(&s).is_empty());
}

#[test]
fn exported_sets_sync_into_another_database_as_already_there() {
    let (a, b) = (Sandbox::new(), Sandbox::new());
    let one = folder_one(&a);
    a.ok(&["sets", "sync", one.to_str().unwrap()]);
    let out = a.dir.path().join("klon/kravpaket");
    let text = a.ok(&["sets", "export", "--all", "--out", out.to_str().unwrap()]);
    assert!(text.contains("2 kravpaket skrivna till"), "{text}");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec!["kommun-moln.toml", "region-ai.toml"],
        "own sets only"
    );

    // Another database that has the sets from the shared folder finds each one there.
    b.ok(&["sets", "sync", one.to_str().unwrap()]);
    let text = b.ok(&["sets", "sync", out.to_str().unwrap()]);
    assert!(
        text.contains("0 kravpaket tillagda, 2 fanns redan."),
        "{text}"
    );
    // And the exported folder alone brings the same sets into an empty one.
    let c = Sandbox::new();
    let text = c.ok(&["sets", "sync", out.to_str().unwrap()]);
    assert!(text.contains("2 kravpaket tillagda"), "{text}");
    let text = c.ok(&["sets", "sync", one.to_str().unwrap()]);
    assert!(
        text.contains("0 kravpaket tillagda, 2 fanns redan."),
        "{text}"
    );
}

#[test]
fn export_all_refuses_to_overwrite_without_force_and_names_each_file() {
    let s = Sandbox::new();
    s.ok(&["sets", "sync", folder_one(&s).to_str().unwrap()]);
    let out = s.dir.path().join("ut");
    let out_arg = out.to_str().unwrap();
    s.ok(&["sets", "export", "--all", "--out", out_arg]);
    std::fs::write(out.join("region-ai.toml"), "mina anteckningar\n").unwrap();

    let refused = s.run(&["sets", "export", "--all", "--out", out_arg]);
    assert_eq!(refused.status.code(), Some(1));
    let err = stderr(&refused);
    assert!(
        err.contains("ut/region-ai.toml finns redan") && err.contains("ut/kommun-moln.toml"),
        "{err}"
    );
    assert!(err.contains("--force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(out.join("region-ai.toml")).unwrap(),
        "mina anteckningar\n"
    );

    s.ok(&["sets", "export", "--all", "--out", out_arg, "--force"]);
    let text = std::fs::read_to_string(out.join("region-ai.toml")).unwrap();
    assert!(text.contains("id = \"RAI-01\""), "{text}");
    // The single-set export still works beside it.
    let single = s.dir.path().join("en.toml");
    s.ok(&[
        "sets",
        "export",
        "region-ai",
        "--out",
        single.to_str().unwrap(),
    ]);
    assert!(std::fs::read_to_string(single).unwrap().contains("RAI-01"));
}

#[test]
fn json_lists_files_by_what_became_of_them() {
    let s = Sandbox::new();
    let one = folder_one(&s);
    let json = |o: &std::process::Output| -> serde_json::Value {
        serde_json::from_str(&stdout(o)).unwrap()
    };
    let first = json(&sync(&s, &one, &["--format", "json"]));
    let added = first["added"].as_array().unwrap();
    assert_eq!(added.len(), 2, "{first}");
    assert_eq!(added[0]["id"], "kommun-moln");
    assert_eq!(added[0]["version"], "2026.1");
    assert!(
        added[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("delat/kommun-moln.toml")
    );
    assert_eq!(first["unchanged"].as_array().unwrap().len(), 0);
    assert_eq!(first["conflicts"].as_array().unwrap().len(), 0);

    let again = json(&sync(&s, &one, &["--format", "json"]));
    assert_eq!(again["added"].as_array().unwrap().len(), 0);
    assert_eq!(again["unchanged"].as_array().unwrap().len(), 2);

    std::fs::write(
        one.join("region-ai.toml"),
        set_file("region-ai", "1.0", "RAI", "ändrat"),
    )
    .unwrap();
    let o = sync(&s, &one, &["--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let stopped = json(&o);
    assert_eq!(stopped["conflicts"][0]["id"], "region-ai");
    assert_eq!(stopped["conflicts"][0]["version"], "1.0");
    assert_eq!(stopped["unchanged"][0]["id"], "kommun-moln");
}

#[cfg(unix)]
#[test]
fn export_all_writes_nothing_when_one_target_is_a_link_even_with_force() {
    let s = Sandbox::new();
    s.ok(&["sets", "sync", folder_one(&s).to_str().unwrap()]);
    let out = s.dir.path().join("ut");
    std::fs::create_dir_all(&out).unwrap();
    let precious = s.dir.path().join("precious.txt");
    std::fs::write(&precious, "keep me\n").unwrap();
    std::os::unix::fs::symlink(&precious, out.join("region-ai.toml")).unwrap();
    let o = s.run(&[
        "sets",
        "export",
        "--all",
        "--out",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("region-ai.toml är en symbolisk länk"),
        "{}",
        stderr(&o)
    );
    assert!(!out.join("kommun-moln.toml").exists(), "nothing written");
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me\n");
}
