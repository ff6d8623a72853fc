//! A temporary directory with a database for running the real binary, shared by the CLI test
//! files. Each command gets a fixed day, Swedish, no log unless asked, and XDG directories in
//! the sandbox (so no settings file of the user running the tests is read).
#![allow(dead_code, clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::{Command, Output};

pub struct Sandbox {
    pub dir: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        Sandbox {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("kravkoll.db")
    }

    /// `XDG_CONFIG_HOME` of the commands: the settings file is `kravkoll/settings.toml` in it.
    pub fn config_home(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn settings_file(&self) -> PathBuf {
        self.config_home().join("kravkoll/settings.toml")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_kravkoll"));
        c.args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("KRAVKOLL_DB", self.db())
            .env("KRAVKOLL_TODAY", "2026-11-22")
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_STATE_HOME", self.dir.path().join("state"))
            .env("XDG_CONFIG_HOME", self.config_home())
            .env_remove("KRAVKOLL_LOG")
            .env("RUST_BACKTRACE", "0")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "sv_SE.UTF-8");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
