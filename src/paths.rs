//! Where kravkoll keeps its files: the database in the user's data directory (XDG on Linux,
//! Application Support on macOS, AppData on Windows), unless `--db` or `KRAVKOLL_DB` names
//! another file; the log in the user's state directory (`XDG_STATE_HOME` on Linux), or in the
//! data directory where the platform has no state directory; the settings in the user's config
//! directory (`XDG_CONFIG_HOME` on Linux, Application Support on macOS, AppData\Roaming on
//! Windows).

use std::path::{Path, PathBuf};

use directories::ProjectDirs;
use thiserror::Error;

pub const DB_FILE: &str = "kravkoll.db";
pub const LOG_FILE: &str = "kravkoll.log";
pub const SETTINGS_FILE: &str = "settings.toml";

#[derive(Debug, Error)]
#[error(
    "cannot find a data directory for this user (is HOME set?); name a database file with --db or KRAVKOLL_DB"
)]
pub struct NoDataDir;

/// The data directory, or `None` when the platform gives none (no HOME).
pub fn data_dir() -> Option<PathBuf> {
    ProjectDirs::from("se", "kravkoll", "kravkoll").map(|d| d.data_dir().to_path_buf())
}

/// The directory for the log: the state directory, else the data directory.
pub fn state_dir() -> Option<PathBuf> {
    let dirs = ProjectDirs::from("se", "kravkoll", "kravkoll")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_dir())
            .to_path_buf(),
    )
}

/// `settings.toml` in the user's config directory, or `None` when the platform gives none.
pub fn settings_file() -> Option<PathBuf> {
    ProjectDirs::from("se", "kravkoll", "kravkoll").map(|d| d.config_dir().join(SETTINGS_FILE))
}

/// `kravkoll.log` in [`state_dir`].
pub fn log_file() -> Option<PathBuf> {
    state_dir().map(|d| d.join(LOG_FILE))
}

/// The database to open: the explicit choice, or `kravkoll.db` in the data directory.
pub fn database(explicit: Option<&Path>) -> Result<PathBuf, NoDataDir> {
    match explicit {
        Some(p) => Ok(p.to_path_buf()),
        None => data_dir().map(|d| d.join(DB_FILE)).ok_or(NoDataDir),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_path_wins() {
        let p = database(Some(Path::new("x/y.db"))).unwrap();
        assert_eq!(p, PathBuf::from("x/y.db"));
    }

    #[test]
    fn default_is_in_the_data_dir() {
        if let Some(dir) = data_dir() {
            assert_eq!(database(None).unwrap(), dir.join(DB_FILE));
            assert!(dir.ends_with("kravkoll"));
        }
        if let Some(log) = log_file() {
            assert!(log.ends_with("kravkoll/kravkoll.log"), "{}", log.display());
        }
        if let Some(settings) = settings_file() {
            assert!(settings.ends_with(SETTINGS_FILE), "{}", settings.display());
        }
    }
}
