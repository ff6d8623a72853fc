//! The command line's grammar: every command, flag and argument, as clap derives. What they
//! mean, as `--help` says it, is in `i18n::help` in Swedish and English (`cli::help` puts the
//! words in; a test there checks that nothing here is without them).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(name = "kravkoll", version)]
pub struct Cli {
    #[arg(long, env = "KRAVKOLL_DB", global = true, value_name = "PATH")]
    pub(super) db: Option<PathBuf>,
    #[arg(long, global = true, value_parser = ["sv", "en"])]
    pub(super) lang: Option<String>,
    #[arg(
        long,
        global = true,
        value_name = "LEVEL",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "info"
    )]
    pub(super) log: Option<String>,
    #[command(subcommand)]
    pub(super) command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub(super) enum Command {
    Sets {
        #[command(subcommand)]
        command: SetsCommand,
    },
    Search {
        #[arg(required = true, num_args = 1.., value_name = "QUERY")]
        query: Vec<String>,
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u16).range(1..), value_name = "LIMIT")]
        limit: u16,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    Procurements {
        #[command(subcommand)]
        command: ProcurementsCommand,
    },
    Demo {
        #[arg(long, value_parser = ["sample", "municipal", "national"], default_value = "sample")]
        scale: String,
    },
    Backup {
        path: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum SetsCommand {
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    Show {
        id: String,
        #[arg(long)]
        version: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    Validate {
        paths: Vec<PathBuf>,
    },
    Applies {
        // The positional first, so that "Argument" comes before "Flaggor" in the Swedish help
        // as "Arguments" does before "Options" in clap's own.
        paths: Vec<PathBuf>,
        #[arg(long, value_name = "PATH")]
        profile: PathBuf,
        #[arg(long)]
        offer_above_ambition: bool,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    Import {
        path: PathBuf,
    },
    Export {
        #[arg(required_unless_present = "all")]
        id: Option<String>,
        #[arg(long, conflicts_with = "all")]
        version: Option<String>,
        // Every own set, each as `<id>.toml` in the directory `--out`.
        #[arg(long, conflicts_with = "id")]
        all: bool,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        #[arg(long)]
        force: bool,
    },
    Sync {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum ProcurementsCommand {
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    Show {
        reference: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    Check {
        reference: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    History {
        reference: String,
        line: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    Export {
        reference: String,
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: DocFormat,
        #[arg(long)]
        internal: bool,
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        #[arg(long)]
        force: bool,
        #[arg(long)]
        csv_comma: bool,
    },
    New {
        reference: String,
        #[arg(long)]
        title: String,
        #[arg(long, value_name = "PATH")]
        profile: PathBuf,
        #[arg(long, default_value = "applicable", value_name = "SETS")]
        sets: String,
        #[arg(long, default_value = "")]
        owner: String,
        #[arg(long, value_name = "DATE")]
        deadline: Option<String>,
        #[arg(long, value_enum, default_value_t = ScoringArg::Points)]
        scoring: ScoringArg,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    Publish {
        reference: String,
        #[arg(long)]
        yes: bool,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// The formats of a tender document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum DocFormat {
    Docx,
    Html,
    Md,
    Csv,
    Json,
    Pdf,
}

impl DocFormat {
    pub(super) fn format(self) -> crate::export::Format {
        use crate::export::Format as F;
        match self {
            DocFormat::Docx => F::Docx,
            DocFormat::Html => F::Html,
            DocFormat::Md => F::Markdown,
            DocFormat::Csv => F::Csv,
            DocFormat::Json => F::Json,
            DocFormat::Pdf => F::Pdf,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum ScoringArg {
    Points,
    MeritSek,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    Table,
    Json,
}
