//! The command line: clap definitions and the non-interactive commands, for scripts, cron and
//! people who prefer a shell. Output goes to the writers passed in (so tests can read it);
//! tables for people, `--format json` for programs. Exit codes: 0 ok, 1 error, 2 usage.
#![allow(clippy::print_stdout)]

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::catalog::{self, CatalogError};
use crate::clock::Clock;
use crate::demo;
use crate::domain::{Lang, RequirementSet};
use crate::i18n::{self, Label, Msg};
use crate::paths;
use crate::store::{Store, StoreError};

/// What the process environment says, read once in `main`.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub today: Option<String>,
    pub lang: Option<String>,
    pub user: String,
}

impl Env {
    pub fn from_process() -> Env {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Env {
            today: var("KRAVKOLL_TODAY"),
            lang: var("LC_ALL")
                .or_else(|| var("LC_MESSAGES"))
                .or_else(|| var("LANG")),
            user: var("USER")
                .or_else(|| var("USERNAME"))
                .unwrap_or_else(|| "unknown".into()),
        }
    }
}

#[derive(Debug, Parser)]
#[command(
    name = "kravkoll",
    version,
    about = "Requirement library, procurements and supplier follow-up for Swedish municipalities",
    long_about = "kravkoll keeps the requirement library, the procurements built from it and the \
                  follow-up of suppliers in one local database. Run without a command to open the \
                  interactive program."
)]
pub struct Cli {
    /// Database file (default: kravkoll.db in the user's data directory)
    #[arg(long, env = "KRAVKOLL_DB", global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Language of the interface: sv or en (default: from LANG, else sv)
    #[arg(long, global = true, value_parser = ["sv", "en"])]
    lang: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The requirement library
    Sets {
        #[command(subcommand)]
        command: SetsCommand,
    },
    /// Procurements
    Procurements {
        #[command(subcommand)]
        command: ProcurementsCommand,
    },
    /// Load a realistic sample into an empty database
    Demo,
    /// Copy the whole database to a new file while it stays in use
    Backup {
        /// The backup file to create
        path: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum SetsCommand {
    /// List the sets of the library
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Show one set with all its requirements
    Show {
        id: String,
        /// A given version (default: the current one)
        #[arg(long)]
        version: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Check set files without touching the database (default: the built-in sets)
    Validate {
        /// Files or directories of .toml files
        paths: Vec<PathBuf>,
    },
    /// Import a set file into the library (a new set, or a new version of your own set)
    Import { path: PathBuf },
    /// Write a set to a file in the set format
    Export {
        id: String,
        #[arg(long)]
        version: Option<String>,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
enum ProcurementsCommand {
    /// List procurements
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Table,
    Json,
}

/// Parses `args` and runs the command, writing to `out` and `err`.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    env: &Env,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let text = e.render().ansi().to_string();
            let sink: &mut dyn Write = if e.use_stderr() { err } else { out };
            let _ = write!(sink, "{text}");
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let lang = i18n::pick_lang(cli.lang.as_deref(), env.lang.as_deref());
    match execute(&cli, env, lang, out, err) {
        Ok(code) => code,
        // A reader that stopped reading (`| head`) is not an error of ours.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let text = match e.downcast_ref::<StoreError>() {
                Some(se) => i18n::store_error(se, lang),
                None => format!("{e:#}"),
            };
            let _ = writeln!(err, "kravkoll: {}: {text}", Msg::ErrorPrefix.text(lang));
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn execute(
    cli: &Cli,
    env: &Env,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let Some(command) = &cli.command else {
        writeln!(out, "{}\n", Msg::TuiPending.text(lang))?;
        write!(out, "{}", Cli::command().render_help())?;
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::Sets {
            command: SetsCommand::Validate { paths },
        } => validate(paths, lang, out, err),
        Command::Sets { command } => {
            let mut store = open_store(cli, env)?;
            sets(command, &mut store, lang, out, err)
        }
        Command::Procurements {
            command: ProcurementsCommand::List { format },
        } => {
            let store = open_store(cli, env)?;
            procurements_list(&store, *format, lang, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo => {
            let mut store = open_store(cli, env)?;
            let summary = demo::load(&mut store)?;
            let counts = Msg::DemoCounts
                .text(lang)
                .replace("{procurements}", &summary.procurements.to_string())
                .replace("{lines}", &summary.lines.to_string())
                .replace("{suppliers}", &summary.suppliers.to_string())
                .replace("{sub_suppliers}", &summary.sub_suppliers.to_string())
                .replace("{contracts}", &summary.contracts.to_string())
                .replace("{reviews}", &summary.reviews.to_string());
            writeln!(out, "{}: {counts}", Msg::DemoLoaded.text(lang))?;
            if let Some(p) = store.path() {
                writeln!(out, "{}: {}", Msg::Database.text(lang), p.display())?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { path } => {
            let store = open_store(cli, env)?;
            store.backup(path)?;
            writeln!(out, "{} {}", Msg::BackupWritten.text(lang), path.display())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Opens the database and brings the built-in sets up to date.
pub fn open_store(cli: &Cli, env: &Env) -> anyhow::Result<Store> {
    let clock = Clock::from_env_value(env.today.as_deref())?;
    let path = paths::database(cli.db.as_deref())?;
    let mut store = Store::open(&path, clock, &env.user)?;
    let hash = catalog::builtin::combined_hash();
    if !store.builtins_synced(&hash)? {
        let builtins = catalog::builtin::load().map_err(|errors| {
            anyhow!(
                "the built-in requirement sets are broken:\n{}",
                errors
                    .iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })?;
        let sets: Vec<RequirementSet> = builtins.into_iter().map(|p| p.set).collect();
        store.sync_builtins(&sets, &hash)?;
    }
    Ok(store)
}

fn sets(
    command: &SetsCommand,
    store: &mut Store,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    match command {
        SetsCommand::List { format } => {
            let sets = store.sets()?;
            if *format == Format::Json {
                writeln!(out, "{}", serde_json::to_string_pretty(&sets)?)?;
            } else if sets.is_empty() {
                writeln!(out, "{}", Msg::NoSets.text(lang))?;
            } else {
                let rows = sets
                    .iter()
                    .map(|s| {
                        vec![
                            s.id.clone(),
                            s.version.clone(),
                            s.requirements.to_string(),
                            match s.origin {
                                crate::store::sets::Origin::Builtin => Msg::OriginBuiltin,
                                crate::store::sets::Origin::Custom => Msg::OriginCustom,
                            }
                            .text(lang)
                            .to_string(),
                            s.title.get(lang).to_string(),
                        ]
                    })
                    .collect();
                let headers = [
                    Msg::ColId,
                    Msg::ColVersion,
                    Msg::ColRequirements,
                    Msg::ColOrigin,
                    Msg::ColTitle,
                ];
                table(out, &headers.map(|h| h.text(lang)), rows)?;
            }
        }
        SetsCommand::Show {
            id,
            version,
            format,
        } => {
            let set = find_set(store, id, version.as_deref(), lang)?;
            if *format == Format::Json {
                writeln!(out, "{}", serde_json::to_string_pretty(&set)?)?;
            } else {
                show_set(&set, lang, out)?;
            }
        }
        SetsCommand::Import { path } => {
            let file = path.display().to_string();
            let source =
                std::fs::read_to_string(path).with_context(|| format!("cannot read {file}"))?;
            let parsed = match catalog::parse_set(&file, &source) {
                Ok(p) => p,
                Err(errors) => return report(&errors, lang, err),
            };
            store.write(|tx| tx.import_set(&parsed.set))?;
            writeln!(
                out,
                "{} {} {} ({} {})",
                Msg::Imported.text(lang),
                parsed.set.id,
                parsed.set.version,
                parsed.set.requirements.len(),
                Msg::ColRequirements.text(lang).to_lowercase()
            )?;
        }
        SetsCommand::Export {
            id,
            version,
            out: path,
        } => {
            let set = find_set(store, id, version.as_deref(), lang)?;
            std::fs::write(path, catalog::write::to_toml(&set))
                .with_context(|| format!("cannot write {}", path.display()))?;
            writeln!(out, "{} {}", Msg::Exported.text(lang), path.display())?;
        }
        SetsCommand::Validate { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

fn find_set(
    store: &Store,
    id: &str,
    version: Option<&str>,
    lang: Lang,
) -> anyhow::Result<RequirementSet> {
    match version {
        None => store
            .set(id)?
            .ok_or_else(|| anyhow!("{}: {id}", Msg::SetNotFound.text(lang))),
        Some(v) => store
            .set_version(id, v)?
            .ok_or_else(|| anyhow!("{}: {id} {v}", Msg::VersionNotFound.text(lang))),
    }
}

fn report(errors: &[CatalogError], lang: Lang, err: &mut dyn Write) -> anyhow::Result<ExitCode> {
    for e in errors {
        writeln!(err, "{}", e.message(lang))?;
    }
    writeln!(err, "{} {}", errors.len(), Msg::ValidateFailed.text(lang))?;
    Ok(ExitCode::from(1))
}

/// Files named, with directories expanded to their `.toml` files in name order.
fn expand(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut inside: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("cannot read {}", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "toml"))
                .collect();
            inside.sort();
            files.extend(inside);
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

fn validate(
    paths: &[PathBuf],
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let files: Vec<(String, String)> = if paths.is_empty() {
        catalog::builtin::FILES
            .iter()
            .map(|(name, text)| (format!("requirement-sets/{name}"), text.to_string()))
            .collect()
    } else {
        expand(paths)?
            .iter()
            .map(|p| {
                let text = std::fs::read_to_string(p)
                    .with_context(|| format!("cannot read {}", p.display()))?;
                Ok((p.display().to_string(), text))
            })
            .collect::<anyhow::Result<_>>()?
    };
    match catalog::validate_files(&files) {
        Ok(sets) => {
            let reqs: usize = sets.iter().map(|s| s.set.requirements.len()).sum();
            writeln!(
                out,
                "{} {} ({} {})",
                sets.len(),
                Msg::ValidateOk.text(lang),
                reqs,
                Msg::ColRequirements.text(lang).to_lowercase()
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(errors) => report(&errors, lang, err),
    }
}

fn procurements_list(
    store: &Store,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let list = store.procurements()?;
    if format == Format::Json {
        writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
        return Ok(());
    }
    if list.is_empty() {
        writeln!(out, "{}", Msg::NoProcurements.text(lang))?;
        return Ok(());
    }
    let rows = list
        .iter()
        .map(|p| {
            vec![
                p.reference.clone(),
                p.status.label(lang).to_string(),
                p.deadline.map(|d| d.to_string()).unwrap_or_default(),
                p.lines.to_string(),
                p.owner.clone(),
                p.title.clone(),
            ]
        })
        .collect();
    let headers = [
        Msg::ColReference,
        Msg::ColStatus,
        Msg::ColDeadline,
        Msg::ColLines,
        Msg::ColOwner,
        Msg::ColTitle,
    ];
    table(out, &headers.map(|h| h.text(lang)), rows)
}

fn show_set(set: &RequirementSet, lang: Lang, out: &mut dyn Write) -> anyhow::Result<()> {
    writeln!(out, "{} {} – {}", set.id, set.version, set.title.get(lang))?;
    if !set.description.is_empty() {
        writeln!(out, "{}", set.description.get(lang))?;
    }
    if !set.sources.is_empty() {
        writeln!(out, "{}:", Msg::SetSources.text(lang))?;
        for s in &set.sources {
            writeln!(
                out,
                "  - {}{}",
                s.name,
                if s.reference.is_empty() {
                    String::new()
                } else {
                    format!(", {}", s.reference)
                }
            )?;
        }
    }
    for r in &set.requirements {
        let level = r
            .level
            .map(|l| format!(", {}", l.label(lang)))
            .unwrap_or_default();
        writeln!(
            out,
            "\n{} {} ({}{level})",
            r.id,
            r.title.get(lang),
            r.kind.label(lang)
        )?;
        let field = |out: &mut dyn Write, label: Msg, text: &str| -> std::io::Result<()> {
            if text.trim().is_empty() {
                Ok(())
            } else {
                writeln!(out, "  {}: {}", label.text(lang), text)
            }
        };
        field(out, Msg::SetText, r.text.get(lang))?;
        field(out, Msg::SetRationale, r.rationale.get(lang))?;
        field(out, Msg::SetBasis, &r.basis.join("; "))?;
        field(
            out,
            Msg::SetApplies,
            &i18n::condition(&r.applies_when, lang),
        )?;
        field(out, Msg::SetEvidence, r.evidence.get(lang))?;
        field(out, Msg::SetFollowUp, r.follow_up.get(lang))?;
    }
    Ok(())
}

/// Prints aligned columns; the last column is left unpadded so long titles do not wrap others.
fn table(out: &mut dyn Write, headers: &[&str], rows: Vec<Vec<String>>) -> anyhow::Result<()> {
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
