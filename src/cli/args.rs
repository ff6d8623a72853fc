//! The command line's grammar: every command, flag and argument, as clap derives. Doc
//! comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

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
    pub(super) db: Option<PathBuf>,
    /// Language of the interface: sv or en (default: from LANG, else sv)
    #[arg(long, global = true, value_parser = ["sv", "en"])]
    pub(super) lang: Option<String>,
    /// Write a log to kravkoll.log in the user's state directory, at LEVEL (default info; also
    /// KRAVKOLL_LOG, e.g. debug or kravkoll=debug)
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
    /// The requirement library
    Sets {
        #[command(subcommand)]
        command: SetsCommand,
    },
    /// Search the library as the interactive program does: ids, titles, texts, tags, legal
    /// basis and kinds, with the field's synonyms and corrected spellings
    Search {
        /// What to search for; every word must match (`2020:914`, `art. 28`, `ska-krav`, `DPA`)
        #[arg(required = true, num_args = 1.., value_name = "QUERY")]
        query: Vec<String>,
        /// Show at most this many hits
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u16).range(1..))]
        limit: u16,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
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
pub(super) enum SetsCommand {
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
        /// Replace the file if it exists (a symbolic link is never written through)
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Subcommand)]
pub(super) enum ProcurementsCommand {
    /// List procurements
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(super) enum Format {
    Table,
    Json,
}
