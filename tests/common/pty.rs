//! The real `kravkoll` binary in a pseudo-terminal, read back through a terminal emulator
//! (`vt100`), for the few end-to-end tests of the interactive program (STYLE §3.7 item 3).
//!
//! Each `Pty` owns a temporary directory holding the database and the XDG directories, so a
//! test sees only what it made. A reader thread feeds every byte the program writes to a
//! `vt100::Parser` and keeps the raw bytes too. Waits poll the parsed screen and, when they
//! time out, fail with the whole screen printed. Timeouts are multiplied by
//! `KRAVKOLL_TEST_TIMEOUT_SCALE` (a decimal number, default 1) for slow machines.
//!
//! Linux notes (crates.md G7): the slave end is dropped right after spawning, so the master's
//! reader ends when the program exits; that end is an `EIO` error, not a zero read.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_kravkoll");
pub const TODAY: &str = "2026-11-22";

/// Keys as the terminal sends them.
pub mod key {
    pub const ENTER: &[u8] = b"\r";
    pub const TAB: &[u8] = b"\t";
    pub const SHIFT_TAB: &[u8] = b"\x1b[Z";
    pub const UP: &[u8] = b"\x1b[A";
    pub const DOWN: &[u8] = b"\x1b[B";
    pub const RIGHT: &[u8] = b"\x1b[C";
    pub const LEFT: &[u8] = b"\x1b[D";
    pub const CTRL_S: &[u8] = b"\x13";
}

/// How long the screen must stay unchanged before `wait_gone` trusts an absence.
const STABLE: Duration = Duration::from_millis(150);
const POLL: Duration = Duration::from_millis(15);

/// `d` stretched by `KRAVKOLL_TEST_TIMEOUT_SCALE`.
pub fn scaled(d: Duration) -> Duration {
    let scale = std::env::var("KRAVKOLL_TEST_TIMEOUT_SCALE")
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(1.0);
    d.mul_f64(scale)
}

/// A directory for the database and the XDG directories, shared by the TUI and CLI runs.
pub struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.path().join("kravkoll.db")
    }

    /// The environment every run gets: a fixed day, a fixed user, no colour setting from
    /// the machine running the tests, no backtraces in messages.
    fn env(&self) -> Vec<(String, String)> {
        let p = |s: &str| self.path().join(s).display().to_string();
        vec![
            ("KRAVKOLL_DB".into(), self.db().display().to_string()),
            ("KRAVKOLL_TODAY".into(), TODAY.into()),
            ("XDG_DATA_HOME".into(), p("data")),
            ("XDG_CONFIG_HOME".into(), p("config")),
            ("XDG_STATE_HOME".into(), p("state")),
            ("XDG_CACHE_HOME".into(), p("cache")),
            ("HOME".into(), p("home")),
            ("USER".into(), "tester".into()),
            ("TERM".into(), "xterm-256color".into()),
            ("RUST_BACKTRACE".into(), "0".into()),
        ]
    }

    /// Runs the command line (not the TUI) on this home, e.g. `["procurements", "list",
    /// "--format", "json"]`; panics unless it succeeds, and returns standard output.
    pub fn cli(&self, args: &[&str]) -> String {
        let mut cmd = std::process::Command::new(BIN);
        cmd.args(args)
            .env_remove("NO_COLOR")
            .stdin(std::process::Stdio::null());
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "kravkoll {args:?} failed ({}):\n{stdout}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        stdout
    }

    /// `procurements list --format json`, parsed.
    pub fn procurements(&self) -> Vec<serde_json::Value> {
        let text = self.cli(&["procurements", "list", "--format", "json"]);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }
}

/// What the reader thread fills.
struct Shared {
    parser: vt100::Parser,
    raw: Vec<u8>,
    /// The reader saw the end of output (the program exited and the pty closed).
    closed: bool,
}

/// Options for a run.
pub struct Spawn<'a> {
    pub cols: u16,
    pub rows: u16,
    pub args: &'a [&'a str],
    pub env: &'a [(&'a str, &'a str)],
}

impl Default for Spawn<'_> {
    fn default() -> Self {
        Spawn {
            cols: 80,
            rows: 24,
            args: &["--lang", "sv"],
            env: &[],
        }
    }
}

/// The program running in a pseudo-terminal. Dropping it kills the program.
pub struct Pty {
    shared: Arc<Mutex<Shared>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    exited: Option<ExitStatus>,
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("a terminal size is at least 1")
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Pty {
    /// `kravkoll --lang sv` at 80×24 on `home`.
    pub fn start(home: &Home) -> Pty {
        Pty::spawn(home, &Spawn::default())
    }

    pub fn spawn(home: &Home, opts: &Spawn<'_>) -> Pty {
        let pair = native_pty_system()
            .openpty(size(opts.cols, opts.rows))
            .unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(opts.args);
        cmd.cwd(home.path());
        cmd.env_remove("NO_COLOR");
        for (k, v) in home.env() {
            cmd.env(k, v);
        }
        for (k, v) in opts.env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        // Without this the master never sees the end of output after the program exits.
        drop(pair.slave);
        let shared = Arc::new(Mutex::new(Shared {
            parser: vt100::Parser::new(nz(opts.rows), nz(opts.cols), 0),
            raw: Vec::new(),
            closed: false,
        }));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = Arc::clone(&shared);
        let reader = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    // 0 on some systems, EIO on Linux: either way the program is gone.
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut s = sink.lock().unwrap();
                        s.parser.process(&buf[..n]);
                        s.raw.extend_from_slice(&buf[..n]);
                    }
                }
            }
            sink.lock().unwrap().closed = true;
        });
        let writer = pair.master.take_writer().unwrap();
        Pty {
            shared,
            master: pair.master,
            writer,
            child,
            reader: Some(reader),
            exited: None,
        }
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.shared.lock().unwrap().parser.screen().contents()
    }

    /// Everything the program has written so far.
    pub fn raw(&self) -> Vec<u8> {
        self.shared.lock().unwrap().raw.clone()
    }

    /// Runs `f` on the emulated screen (cursor, modes, cell attributes).
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.shared.lock().unwrap().parser.screen())
    }

    /// The screen framed for a failure message.
    pub fn dump(&self) -> String {
        let (rows, cols) = self.with_screen(|s| s.size());
        let ruler = "─".repeat(usize::from(cols.get()));
        let body: String = self.screen().lines().map(|l| format!("│{l}\n")).collect();
        format!("screen {cols}×{rows}:\n┌{ruler}\n{body}└{ruler}")
    }

    /// Waits until `text` is on the screen; fails with the whole screen after `timeout`
    /// (scaled).
    pub fn wait_for(&self, text: &str, timeout: Duration) {
        let deadline = Instant::now() + scaled(timeout);
        loop {
            if self.screen().contains(text) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "{text:?} did not appear within {:?}\n{}",
                    scaled(timeout),
                    self.dump()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until `text` is absent from a screen that has stopped changing, so an absence
    /// is not read from a half-drawn frame.
    pub fn wait_gone(&self, text: &str, timeout: Duration) {
        let deadline = Instant::now() + scaled(timeout);
        let mut last = self.screen();
        let mut since = Instant::now();
        loop {
            thread::sleep(POLL);
            let now = self.screen();
            if now != last {
                last = now;
                since = Instant::now();
            } else if !now.contains(text) && since.elapsed() >= STABLE {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "{text:?} was still on the screen (or it kept changing) after {:?}\n{}",
                    scaled(timeout),
                    self.dump()
                );
            }
        }
    }

    /// Writes bytes as typed keys.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).unwrap();
        self.writer.flush().unwrap();
    }

    pub fn type_text(&mut self, text: &str) {
        self.send(text.as_bytes());
    }

    /// Esc alone: a pause before and after, so the program does not read it as the start of
    /// an escape sequence with the neighbouring bytes.
    pub fn esc(&mut self) {
        thread::sleep(Duration::from_millis(100));
        self.send(b"\x1b");
        thread::sleep(Duration::from_millis(100));
    }

    /// Resizes the terminal: the emulator first, then the pty (which signals the program).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.shared
            .lock()
            .unwrap()
            .parser
            .set_size(nz(rows), nz(cols));
        self.master.resize(size(cols, rows)).unwrap();
    }

    /// The local-mode flags of the terminal's line discipline by name (`ICANON`, `ECHO`,
    /// `ISIG`…): raw mode clears `ICANON` and `ECHO`, leaving it must set them again. The
    /// names come from the flags' `Debug` form (`LocalFlags(ECHO | ICANON)`), which keeps nix
    /// out of the dev-dependencies; a change of that form fails the caller, it cannot pass it.
    pub fn local_flags(&self) -> Vec<String> {
        let termios = self
            .master
            .get_termios()
            .expect("the pty reports its termios");
        let text = format!("{:?}", termios.local_flags);
        let inner = text
            .strip_prefix("LocalFlags(")
            .and_then(|t| t.strip_suffix(')'))
            .unwrap_or_else(|| panic!("unexpected form of the termios flags: {text}"));
        inner.split(" | ").map(str::to_string).collect()
    }

    /// Waits for the program to exit and for its last output to be read.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + scaled(timeout);
        let status = loop {
            if let Some(st) = self.child.try_wait().unwrap() {
                break st;
            }
            if Instant::now() > deadline {
                panic!(
                    "kravkoll did not exit within {:?}\n{}",
                    scaled(timeout),
                    self.dump()
                );
            }
            thread::sleep(POLL);
        };
        self.exited = Some(status.clone());
        // The output written just before exiting is still in the pty; the reader ends at EIO.
        while !self.shared.lock().unwrap().closed {
            if Instant::now() > deadline {
                panic!("the pty stayed open after kravkoll exited\n{}", self.dump());
            }
            thread::sleep(POLL);
        }
        if let Some(h) = self.reader.take() {
            h.join().unwrap();
        }
        status
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.exited.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Starts kravkoll on `home`, waits until `ready` is on its output, then closes the terminal
/// as a closed window or a dropped SSH connection does (every handle of the pty's master end
/// goes, so the kernel hangs the terminal up), and measures how long the program takes to
/// exit: `Some(time, status)`, or `None` when it is still running after `limit` (it is then
/// killed).
pub fn hang_up(home: &Home, ready: &str, limit: Duration) -> Option<(Duration, ExitStatus)> {
    let pair = native_pty_system().openpty(size(80, 24)).unwrap();
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["--lang", "sv"]);
    cmd.cwd(home.path());
    for (k, v) in home.env() {
        cmd.env(k, v);
    }
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    // The reader owns a handle of the master: it reads until the program is ready, then
    // drops that handle by ending.
    let mut reader = pair.master.try_clone_reader().unwrap();
    let wanted = ready.as_bytes().to_vec();
    let reading = thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 8192];
        while !seen.windows(wanted.len()).any(|w| w == wanted.as_slice()) {
            match reader.read(&mut buf) {
                Ok(0) | Err(_) => return false,
                Ok(n) => seen.extend_from_slice(&buf[..n]),
            }
        }
        true
    });
    let deadline = Instant::now() + scaled(Duration::from_secs(10));
    while !reading.is_finished() {
        assert!(Instant::now() < deadline, "kravkoll never drew {ready:?}");
        thread::sleep(POLL);
    }
    assert!(reading.join().unwrap(), "kravkoll ended before drawing");
    drop(pair.master);
    let closed = Instant::now();
    while closed.elapsed() < scaled(limit) {
        if let Some(status) = child.try_wait().unwrap() {
            return Some((closed.elapsed(), status));
        }
        thread::sleep(POLL);
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}
