//! The command line: the non-interactive commands, for scripts, cron and people who prefer a
//! shell. Output goes to the writers passed in (so tests can read it), always through a
//! [`SanitizingWriter`]; tables for people, `--format json` for programs. Exit codes: 0 ok,
//! 1 error, 2 usage. Errors are typed down to here and worded in the user's language by
//! `error::message`.

use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::anyhow;
use clap::FromArgMatches;

mod args;
mod error;
mod help;
mod lang;
mod other;
mod procurements;
mod search;
mod sets;
mod sync;
mod table;
mod tender;
mod usage;

pub use args::Cli;
use args::{Command, ProcurementsCommand, SetsCommand};
pub use error::CliError;

use crate::catalog;
use crate::clock::Clock;
use crate::domain::procurement::AboveAmbition;
use crate::domain::{Lang, RequirementSet};
use crate::files;
use crate::i18n::{self, CliText, Msg};
use crate::logging;
use crate::paths;
use crate::sanitize::{SanitizingWriter, for_terminal};
use crate::store::prelude::*;
use crate::store::{Store, Wait, WaitNotice};

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
    /// `KRAVKOLL_LOG`: log at this level (see `logging`); `--log` wins over it.
    pub log: Option<String>,
    /// The settings file (`paths::settings_file`), or `None` when there is no config directory.
    pub settings: Option<PathBuf>,
}

impl Env {
    pub fn from_process() -> Env {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Env {
            today: var("KRAVKOLL_TODAY"),
            lang: var("LC_ALL")
                .or_else(|| var("LC_MESSAGES"))
                .or_else(|| var("LANG")),
            user: crate::login::login_name(var),
            no_color: var("NO_COLOR").is_some(),
            interactive: {
                use std::io::IsTerminal;
                std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
            },
            log: var("KRAVKOLL_LOG"),
            settings: paths::settings_file(),
        }
    }
}

/// Parses `args` and runs the command, writing to `out` and `err`. Everything written goes
/// through a [`SanitizingWriter`]: titles, file names, arguments and values from the database
/// reach the terminal with their control and bidi characters shown, not obeyed.
pub fn run(
    args: impl IntoIterator<Item = OsString>,
    env: &Env,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let mut out = SanitizingWriter::new(out);
    let mut err = SanitizingWriter::new(err);
    let code = run_sanitized(args, env, &mut out, &mut err);
    let _ = out.flush();
    let _ = err.flush();
    code
}

fn run_sanitized(
    args: impl IntoIterator<Item = OsString>,
    env: &Env,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> ExitCode {
    let args: Vec<OsString> = args.into_iter().collect();
    let flag = lang::flag(&args);
    let saved = lang::saved(env, flag, err);
    let parsed = help::command(lang::choose(flag, saved, env))
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, command_name(&m))));
    let (cli, command) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => return usage_error(&e, lang::choose(flag, saved, env), out, err),
    };
    let flag = cli.lang.as_deref().and_then(Lang::from_code);
    let lang = lang::choose(flag, saved, env);
    start_log(&cli, env, lang, err);
    let database = paths::database(cli.db.as_deref())
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    tracing::info!(
        version = env!("CARGO_PKG_VERSION"),
        command,
        database,
        "start"
    );
    let started = std::time::Instant::now();
    let code = match execute(&cli, env, lang, out, err) {
        Ok(code) => code,
        // A reader that stopped reading (`| head`) is not an error of ours.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(command, error = format!("{e:#}"), "failed");
            let text = error::message(&e, lang);
            let _ = writeln!(err, "kravkoll: {}: {text}", Msg::ErrorPrefix.text(lang));
            ExitCode::from(1)
        }
    };
    tracing::info!(
        command,
        exit = exit_number(code),
        ms = started.elapsed().as_millis(),
        "end"
    );
    code
}

/// The number an `ExitCode` stands for, for the log (`ExitCode` does not say it).
fn exit_number(code: ExitCode) -> u8 {
    (0..=u8::MAX)
        .find(|n| ExitCode::from(*n) == code)
        .unwrap_or(u8::MAX)
}

/// The message for a usage mistake (exit 2), or the help and version it was asked for.
fn usage_error(e: &clap::Error, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> ExitCode {
    let text = usage::render(e, lang);
    let sink: &mut dyn Write = if e.use_stderr() { err } else { out };
    let _ = write!(sink, "{text}");
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

/// `sets import` for the log: the subcommand names, never the arguments (which may name files
/// or hold personal data).
fn command_name(matches: &clap::ArgMatches) -> String {
    let mut names = Vec::new();
    let mut m = matches;
    while let Some((name, sub)) = m.subcommand() {
        names.push(name);
        m = sub;
    }
    if names.is_empty() {
        "tui".to_string()
    } else {
        names.join(" ")
    }
}

/// Turns the log on when `--log` or `KRAVKOLL_LOG` asks; a problem is a warning, not a failure.
fn start_log(cli: &Cli, env: &Env, lang: Lang, err: &mut dyn Write) {
    let Some(spec) = cli.log.as_deref().or(env.log.as_deref()) else {
        return;
    };
    let filter = logging::parse_level(spec).unwrap_or_else(|value| {
        let text = CliText::LogBadLevel.text(lang).replace("{value}", &value);
        let _ = writeln!(err, "kravkoll: {text}");
        logging::default_filter()
    });
    let started = logging::default_path().and_then(|p| logging::start(&p, filter));
    if let Err(e) = started {
        let reason = match &e {
            logging::LogError::NoDirectory => CliText::LogNoDirectory.text(lang).to_string(),
            logging::LogError::File(f) => i18n::file_error(f, lang),
        };
        let text = CliText::LogUnavailable
            .text(lang)
            .replace("{reason}", &reason);
        let _ = writeln!(err, "kravkoll: {text}");
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
            write!(out, "{}", help::command(lang).render_help())?;
            return Ok(ExitCode::SUCCESS);
        }
        let store = open_store(cli, env, lang, err)?;
        let options = crate::tui::Options {
            lang,
            no_color: env.no_color,
            settings_path: env.settings.clone(),
        };
        crate::tui::run(store, options)?;
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
                sets::library(&open_store(cli, env, lang, err)?)?
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
            let mut store = open_store(cli, env, lang, err)?;
            sets::run(command, &mut store, lang, out, err)
        }
        Command::Search {
            query,
            limit,
            format,
        } => {
            let store = open_store(cli, env, lang, err)?;
            search::search(&store, query, usize::from(*limit), *format, lang, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Procurements { command } => {
            procurements_command(command, cli, env, lang, out, err)
        }
        Command::Demo { scale } => {
            let mut store = open_store(cli, env, lang, err)?;
            other::demo(&mut store, scale, lang, out)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { path } => {
            let store = open_store(cli, env, lang, err)?;
            other::backup(&store, path, lang, out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// `procurements …`: the list, one procurement's lines, checks and history, and the tender
/// from a profile to a published document.
fn procurements_command(
    command: &ProcurementsCommand,
    cli: &Cli,
    env: &Env,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    let mut store = open_store(cli, env, lang, err)?;
    let store = &mut store;
    match command {
        ProcurementsCommand::List { format } => {
            other::procurements_list(store, *format, lang, out)?
        }
        ProcurementsCommand::Show { reference, format } => {
            procurements::show(store, reference, *format, lang, out)?
        }
        ProcurementsCommand::Check { reference, format } => {
            return procurements::check_list(store, reference, *format, lang, out);
        }
        ProcurementsCommand::History {
            reference,
            line,
            format,
        } => procurements::history(store, reference, line, *format, lang, out)?,
        ProcurementsCommand::Export { .. } => {
            let organisation = crate::settings::organisation(env.settings.as_deref());
            tender::export_command(store, command, cli.lang.as_deref(), organisation, lang, out)?
        }
        ProcurementsCommand::New { .. } => tender::new_command(store, command, lang, out, err)?,
        ProcurementsCommand::Publish {
            reference,
            yes,
            format,
        } => return tender::publish(store, reference, *yes, *format, lang, out),
    }
    Ok(ExitCode::SUCCESS)
}

/// Brings the built-in sets into the store when the embedded files changed since the last
/// start; an unchanged start neither parses them nor writes anything.
pub fn sync_builtins(store: &mut Store) -> anyhow::Result<()> {
    // A database opened read-only is shown with the library it has.
    if store.is_read_only() {
        return Ok(());
    }
    let hash = catalog::builtin::combined_hash();
    if store.builtins_synced(&hash)? {
        return Ok(());
    }
    let builtins = catalog::builtin::load_with_history().map_err(|errors| {
        anyhow!(
            "the built-in requirement sets are broken:\n{}",
            catalog::report(&errors)
        )
    })?;
    let sets: Vec<RequirementSet> = builtins.into_iter().map(|p| p.set).collect();
    store.sync_builtins(&sets, &hash)?;
    Ok(())
}

/// Opens the database and brings the built-in sets up to date. Warns on `err` when the file
/// can be read by other users (a shared host is a normal place for kravkoll).
pub fn open_store(cli: &Cli, env: &Env, lang: Lang, err: &mut dyn Write) -> anyhow::Result<Store> {
    let clock = Clock::from_env_value(env.today.as_deref())?;
    let path = paths::database(cli.db.as_deref())?;
    // SQLite would only say it "cannot open" a directory.
    if path.is_dir() {
        return Err(files::FileError::IsDirectory(path).into());
    }
    if path.is_file() && files::readable_by_others(&path) {
        tracing::warn!(database = %path.display(), "database readable by others");
        let text = CliText::DatabaseReadable
            .text(lang)
            .replace("{path}", &shell_word(&path));
        writeln!(err, "kravkoll: {text}")?;
    }
    let mut store = Store::open(&path, clock, &env.user)?;
    store.set_wait_notice(wait_notice(&path, lang));
    sync_builtins(&mut store)?;
    Ok(store)
}

/// Says once on standard error that a write is waiting for another user's lock, so a script's
/// user sees why nothing happens; the store retries until its limit meanwhile.
fn wait_notice(path: &std::path::Path, lang: Lang) -> WaitNotice {
    let text = Msg::WaitingForOtherUser
        .text(lang)
        .replace("{path}", &for_terminal(&path.display().to_string()));
    let mut told = false;
    Box::new(move |wait| {
        if matches!(wait, Wait::Waiting { .. }) && !told {
            told = true;
            let _ = writeln!(std::io::stderr(), "kravkoll: {text}");
        }
    })
}

/// A path as one word a shell reads back as the same path, for a command to copy.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = |c: char| c.is_alphanumeric() || "/._-+,:@%".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_the_shell_when_needed() {
        assert_eq!(
            shell_word(Path::new("data/ann/kravkoll.db")),
            "data/ann/kravkoll.db"
        );
        assert_eq!(shell_word(Path::new("my db.db")), "'my db.db'");
        assert_eq!(shell_word(Path::new("ann's.db")), "'ann'\\''s.db'");
    }

    #[test]
    fn output_and_errors_are_sanitised_even_when_called_as_a_library() {
        let env = Env::default();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        // clap drops complete ESC sequences itself; a bidi override and a C1 CSI it passes on.
        let args = ["kravkoll", "--lang", "e\u{202e}n\u{9b}2J"].map(OsString::from);
        let code = run(args, &env, &mut out, &mut err);
        assert_eq!(code, ExitCode::from(2));
        let err = String::from_utf8(err).unwrap();
        assert!(!err.chars().any(crate::sanitize::is_unsafe), "{err:?}");
        assert!(err.contains("e\\u202en\\u009b2J"), "{err}");
    }
}
