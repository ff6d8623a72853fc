//! The log a user can send when something went wrong: `kravkoll.log` in the user's state
//! directory, written with `tracing`. Off unless `--log[=LEVEL]` or `KRAVKOLL_LOG=LEVEL` asks
//! for it, so an ordinary run writes nothing. A level is `info`, `debug`, … or a list of
//! `target=level` directives (`kravkoll=debug,kravkoll::store=trace`).
//!
//! The file is the user's own (mode 0600, a symbolic link in its place is refused) and is
//! written through `sanitize::SanitizingWriter`, so `cat kravkoll.log` cannot replay a set
//! title's escape sequences. Events are emitted anywhere with `tracing::info!` and friends; this
//! module only installs the subscriber.

use std::fs::{self, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing::level_filters::LevelFilter;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{Layer, fmt};

use crate::files::FileError;
use crate::sanitize::SanitizingWriter;

/// Why logging could not start; the program goes on without a log.
#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("no directory for the log file (is HOME set?)")]
    NoDirectory,
    #[error(transparent)]
    File(#[from] FileError),
}

/// `info` for everything: what `--log` alone asks for, and the fallback for a level not
/// understood.
pub fn default_filter() -> Targets {
    Targets::new().with_default(LevelFilter::INFO)
}

/// The filter a level text asks for; `Err` keeps the text for a warning, and `info` is used.
pub fn parse_level(spec: &str) -> Result<Targets, String> {
    let spec = spec.trim();
    if spec.is_empty() {
        return Ok(default_filter());
    }
    // A bare word is a target to tracing, so a misspelt level ("debgu") would quietly log
    // nothing; only levels and our own targets may stand alone.
    let plausible = spec.split(',').all(|d| {
        let d = d.trim();
        d.contains('=') || d.parse::<LevelFilter>().is_ok() || d.starts_with("kravkoll")
    });
    if !plausible {
        return Err(spec.to_string());
    }
    spec.parse::<Targets>().map_err(|_| spec.to_string())
}

/// Starts writing the log at `path` with `filter`. Installs a process-wide subscriber; when one
/// is installed already (a second `cli::run` in one test process) the first one stays.
pub fn start(path: &Path, filter: Targets) -> Result<(), LogError> {
    let file = open_private(path)?;
    let layer = fmt::layer()
        .with_writer(Mutex::new(SanitizingWriter::new(file)))
        .with_ansi(false)
        .with_filter(filter);
    let _ = tracing_subscriber::registry().with(layer).try_init();
    Ok(())
}

/// The log file of this user, created if needed.
pub fn default_path() -> Result<PathBuf, LogError> {
    crate::paths::log_file().ok_or(LogError::NoDirectory)
}

/// Opens `path` for appending, creating it and its directory private to the user.
fn open_private(path: &Path) -> Result<fs::File, FileError> {
    let io = |e| FileError::from_io(path, e);
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        let mut b = fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.create(dir).map_err(|e| FileError::from_io(dir, e))?;
    }
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(FileError::Symlink(path.to_path_buf()));
    }
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).map_err(io)?;
    // The mode given at creation is reduced by the umask and does not apply to a file that was
    // there before; set it outright.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .map_err(io)?;
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_directives_parse_and_nonsense_does_not() {
        for ok in [
            "debug",
            "info",
            "kravkoll=debug",
            "kravkoll=debug,kravkoll::store=trace",
            "",
        ] {
            assert!(parse_level(ok).is_ok(), "{ok}");
        }
        assert_eq!(parse_level("loud").err().as_deref(), Some("loud"));
        assert!(parse_level("kravkoll=loud").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_private_and_a_link_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/kravkoll/kravkoll.log");
        drop(open_private(&path).unwrap());
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let link = dir.path().join("link.log");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert!(matches!(open_private(&link), Err(FileError::Symlink(_))));
    }
}
