//! Update + draw of the interactive program on generated databases (DESIGN §10 budgets):
//! start to first frame, moving in lists, opening a procurement, filtering, and searching the
//! library as you type. The municipal database is generated on first use and kept in the
//! system temp directory; set KRAVKOLL_BENCH_NATIONAL=1 to also run the national scale
//! (generating it takes a few minutes the first time). `process_to_first_frame_in_a_pty` runs
//! the release binary itself in a pseudo-terminal, as a user starts it.

#![allow(clippy::expect_used, clippy::print_stderr)]

mod common;

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use common::{clock, database};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use kravkoll::demo::scale::Scale;
use kravkoll::domain::Lang;
use kravkoll::store::Store;
use kravkoll::tui::App;
use kravkoll::tui::event::Event;
use kravkoll::tui::theme::Theme;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app(path: &Path) -> App {
    let mut store = Store::open(path, clock(), "bench").expect("open");
    kravkoll::cli::sync_builtins(&mut store).expect("sync");
    App::new(store, Lang::Sv, Theme::new(false)).expect("app")
}

fn key(app: &mut App, code: KeyCode) {
    app.handle_event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// The real program started in a pseudo-terminal of 120×40 on `db`: the time from spawning
/// the process to the first frame on the terminal (the dashboard's title in its output).
fn process_to_first_frame(db: &Path) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("pty");
    let home = std::env::temp_dir().join("kravkoll-bench-home");
    std::fs::create_dir_all(home.join("home")).expect("home");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_kravkoll"));
    cmd.args(["--lang", "sv"]);
    cmd.cwd(&home);
    cmd.env("KRAVKOLL_DB", db);
    cmd.env("TERM", "xterm-256color");
    cmd.env("KRAVKOLL_TODAY", "2026-11-22");
    for (k, sub) in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("HOME", "home"),
    ] {
        cmd.env(k, home.join(sub));
    }
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let started = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let wanted = "Översikt".as_bytes();
    let mut seen = Vec::new();
    let mut buf = [0u8; 16384];
    while !seen.windows(wanted.len()).any(|w| w == wanted) {
        match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    }
    let took = started.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    took
}

fn bench_scale(c: &mut Criterion, name: &str, scale: Scale) {
    let path = database(name, scale);
    let mut g = c.benchmark_group(name);
    g.measurement_time(Duration::from_secs(4)).sample_size(30);
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("terminal");

    g.bench_function("process_to_first_frame_in_a_pty", |b| {
        b.iter_custom(|n| (0..n).map(|_| process_to_first_frame(&path)).sum())
    });

    g.bench_function("start_to_first_frame", |b| {
        b.iter(|| {
            let a = app(&path);
            term.draw(|f| a.draw(f)).expect("draw");
        })
    });

    let mut a = app(&path);
    keys(&mut a, "3");
    g.bench_function("procurements_move", |b| {
        b.iter(|| {
            key(&mut a, KeyCode::Char('j'));
            term.draw(|f| a.draw(f)).expect("draw");
        })
    });
    g.bench_function("procurements_filter_keystroke", |b| {
        keys(&mut a, "/");
        b.iter(|| {
            keys(&mut a, "k");
            term.draw(|f| a.draw(f)).expect("draw");
            key(&mut a, KeyCode::Backspace);
            term.draw(|f| a.draw(f)).expect("draw");
        });
        key(&mut a, KeyCode::Esc);
    });
    g.bench_function("procurement_open_and_back", |b| {
        b.iter(|| {
            key(&mut a, KeyCode::Enter);
            term.draw(|f| a.draw(f)).expect("draw");
            key(&mut a, KeyCode::Esc);
            term.draw(|f| a.draw(f)).expect("draw");
        })
    });

    let mut l = app(&path);
    keys(&mut l, "2");
    g.bench_function("library_move_set", |b| {
        b.iter(|| {
            key(&mut l, KeyCode::Char('j'));
            term.draw(|f| l.draw(f)).expect("draw");
        })
    });
    key(&mut l, KeyCode::Tab);
    g.bench_function("library_move_requirement", |b| {
        b.iter(|| {
            key(&mut l, KeyCode::Char('j'));
            term.draw(|f| l.draw(f)).expect("draw");
        })
    });
    keys(&mut l, "/lagr");
    g.bench_function("library_search_keystroke", |b| {
        b.iter_batched(
            || (),
            |()| {
                keys(&mut l, "i");
                term.draw(|f| l.draw(f)).expect("draw");
                key(&mut l, KeyCode::Backspace);
                term.draw(|f| l.draw(f)).expect("draw");
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
    eprintln!(
        "{name}: peak RSS of the benchmark process {} kB",
        peak_rss_kb()
    );
}

/// The process's peak resident set size (VmHWM), Linux only.
fn peak_rss_kb() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_string())
        })
        .unwrap_or_else(|| "?".into())
}

fn municipal(c: &mut Criterion) {
    bench_scale(c, "municipal", Scale::MUNICIPAL);
}

fn national(c: &mut Criterion) {
    if std::env::var_os("KRAVKOLL_BENCH_NATIONAL").is_some() {
        bench_scale(c, "national", Scale::NATIONAL);
    }
}

criterion_group!(benches, municipal, national);
criterion_main!(benches);
