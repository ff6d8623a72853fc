//! The command line: clap definitions and the non-interactive commands, for scripts, cron and
//! people who prefer a shell. Output goes to the writers passed in (so tests can read it);
//! tables for people, `--format json` for programs. Exit codes: 0 ok, 1 error, 2 usage.

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::anyhow;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::catalog;
use crate::clock::Clock;

mod sets;
mod table;

use crate::demo;
use crate::domain::procurement::AboveAmbition;
use crate::domain::{Lang, RequirementSet};
use crate::i18n::{self, Label, Msg};
use crate::paths;
use crate::store::prelude::*;
use crate::store::{Store, StoreError};
use table::table;

/// What the process environment says, read once in `main`.
#[derive(Debug, Clone, Default)]
pub struct Env {
    pub today: Option<String>,
    pub lang: Option<String>,
    pub user: String,
    /// `NO_COLOR` is set: draw without colour.
    pub no_color: bool,
    /// Standard input and output are a terminal, so the interactive program can run.
    pub interactive: bool,
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
            no_color: var("NO_COLOR").is_some(),
            interactive: {
                use std::io::IsTerminal;
                std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
            },
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
    /// Load a realistic sample into an empty database, or generate a large one for benchmarks
    Demo {
        /// sample: a few procurements, suppliers and reviews in every state; municipal or
        /// national: generated data at the sizes of the performance budgets
        #[arg(long, value_parser = ["sample", "municipal", "national"], default_value = "sample")]
        scale: String,
    },
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
    /// Which requirements apply to a procurement profile, and why
    Applies {
        /// A profile file in TOML with the fields of a procurement profile
        #[arg(long, value_name = "PATH")]
        profile: PathBuf,
        /// Offer requirements above the profile's ambition as evaluated ones instead of leaving them out
        #[arg(long)]
        offer_above_ambition: bool,
        /// Set files or directories to evaluate instead of the library in the database
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
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
            let text = e.render().to_string();
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
        if !env.interactive {
            // Not a terminal (a pipe, a cron job): say what there is instead of drawing.
            write!(out, "{}", Cli::command().render_help())?;
            return Ok(ExitCode::SUCCESS);
        }
        let store = open_store(cli, env)?;
        crate::tui::run(store, lang, env.no_color)?;
        return Ok(ExitCode::SUCCESS);
    };
    match command {
        Command::Sets {
            command: SetsCommand::Validate { paths },
        } => sets::validate(paths, lang, out, err),
        Command::Sets {
            command:
                SetsCommand::Applies {
                    profile,
                    offer_above_ambition,
                    paths,
                    format,
                },
        } => {
            let sets = if paths.is_empty() {
                sets::library(&open_store(cli, env)?)?
            } else {
                match sets::read_files(paths)? {
                    Ok(sets) => sets,
                    Err(errors) => return sets::report(&errors, lang, err),
                }
            };
            let policy = if *offer_above_ambition {
                AboveAmbition::OfferAsEvaluated
            } else {
                AboveAmbition::LeaveOut
            };
            sets::applies(profile, &sets, policy, *format, lang, out, err)
        }
        Command::Sets { command } => {
            let mut store = open_store(cli, env)?;
            sets::run(command, &mut store, lang, out, err)
        }
        Command::Procurements {
            command: ProcurementsCommand::List { format },
        } => {
            let store = open_store(cli, env)?;
            procurements_list(&store, *format, lang, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Demo { scale } => {
            let mut store = open_store(cli, env)?;
            let counts = match demo::scale::Scale::from_name(scale) {
                Some(size) => {
                    let started = std::time::Instant::now();
                    let g = demo::scale::generate(&mut store, size)?;
                    Msg::ScaleCounts
                        .text(lang)
                        .replace("{requirements}", &g.requirements.to_string())
                        .replace("{sets}", &g.sets.to_string())
                        .replace("{procurements}", &g.procurements.to_string())
                        .replace("{suppliers}", &g.suppliers.to_string())
                        .replace("{reviews}", &g.reviews.to_string())
                        .replace(
                            "{seconds}",
                            &format!("{:.1}", started.elapsed().as_secs_f64()),
                        )
                }
                None => {
                    let summary = demo::load(&mut store)?;
                    Msg::DemoCounts
                        .text(lang)
                        .replace("{procurements}", &summary.procurements.to_string())
                        .replace("{lines}", &summary.lines.to_string())
                        .replace("{suppliers}", &summary.suppliers.to_string())
                        .replace("{sub_suppliers}", &summary.sub_suppliers.to_string())
                        .replace("{contracts}", &summary.contracts.to_string())
                        .replace("{reviews}", &summary.reviews.to_string())
                }
            };
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

/// Brings the built-in sets into the store when the embedded files changed since the last
/// start; an unchanged start neither parses them nor writes anything.
pub fn sync_builtins(store: &mut Store) -> anyhow::Result<()> {
    let hash = catalog::builtin::combined_hash();
    if store.builtins_synced(&hash)? {
        return Ok(());
    }
    let builtins = catalog::builtin::load().map_err(|errors| {
        anyhow!(
            "the built-in requirement sets are broken:\n{}",
            catalog::report(&errors)
        )
    })?;
    let sets: Vec<RequirementSet> = builtins.into_iter().map(|p| p.set).collect();
    store.sync_builtins(&sets, &hash)?;
    Ok(())
}

/// Opens the database and brings the built-in sets up to date.
pub fn open_store(cli: &Cli, env: &Env) -> anyhow::Result<Store> {
    let clock = Clock::from_env_value(env.today.as_deref())?;
    let path = paths::database(cli.db.as_deref())?;
    let mut store = Store::open(&path, clock, &env.user)?;
    sync_builtins(&mut store)?;
    Ok(store)
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
