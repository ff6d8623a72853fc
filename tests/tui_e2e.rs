//! End to end: the real binary in a pseudo-terminal at 80×24, Swedish, a fixed day, its own
//! database in a temporary directory. A few flows only (STYLE §3.7 item 3); the bulk of the
//! TUI is tested on state and draw snapshots.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/pty.rs"]
mod pty;

use std::time::Duration;

use pty::{Home, Pty, Spawn, key};

/// Time for the first frame: the first start also loads the built-in sets into a new database.
const START: Duration = Duration::from_secs(5);
/// Time for the answer to a key.
const STEP: Duration = Duration::from_secs(3);

/// Leaves the alternate screen (xterm private mode 1049, reset).
const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

fn find_from(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// The bytes with escape sequences (CSI, OSC, two-byte ESC) and control characters removed:
/// what would be printed as text.
fn printable(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x1b if bytes.get(i + 1) == Some(&b'[') => {
                i += 2;
                while i < bytes.len() && !(0x40..=0x7e).contains(&bytes[i]) {
                    i += 1;
                }
                i += 1;
            }
            0x1b if bytes.get(i + 1) == Some(&b']') => {
                i += 2;
                while i < bytes.len() && bytes[i] != 0x07 && bytes[i] != 0x1b {
                    i += 1;
                }
                i += if bytes.get(i) == Some(&0x1b) { 2 } else { 1 };
            }
            0x1b => i += 2,
            b if b < 0x20 || b == 0x7f => i += 1,
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every SGR sequence (`ESC [ … m`) in `bytes` that sets a colour, as written. Only colour
/// parameters count: 30–38, 40–48, 58 (underline colour), 90–97 and 100–107, with the
/// arguments of 38/48/58 (`;5;n` or `;2;r;g;b`) skipped. Bold (1), underline (4), reverse
/// (7), crossed out (9), their resets (2x) and the "default colour" resets 39, 49 and 59 carry
/// no colour and are allowed.
fn colour_sgrs(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(start) = find_from(bytes, i, b"\x1b[") {
        let mut end = start + 2;
        while end < bytes.len() && !(0x40..=0x7e).contains(&bytes[end]) {
            end += 1;
        }
        if end >= bytes.len() {
            break;
        }
        i = end + 1;
        if bytes[end] != b'm' {
            continue;
        }
        let params = String::from_utf8_lossy(&bytes[start + 2..end]).into_owned();
        // Some emitters use ':' between the arguments of 38/48/58.
        let nums: Vec<u16> = params
            .split([';', ':'])
            .map(|p| p.parse().unwrap_or(0))
            .collect();
        let mut k = 0;
        let mut coloured = false;
        while k < nums.len() {
            match nums[k] {
                30..=37 | 40..=47 | 90..=97 | 100..=107 => coloured = true,
                38 | 48 | 58 => {
                    coloured = true;
                    k += match nums.get(k + 1) {
                        Some(5) => 2,
                        Some(2) => 4,
                        _ => 0,
                    };
                }
                _ => {}
            }
            k += 1;
        }
        if coloured {
            found.push(format!("ESC[{params}m"));
        }
    }
    found
}

fn screen_line<'a>(screen: &'a str, containing: &str) -> (usize, &'a str) {
    screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(containing))
        .unwrap_or_else(|| panic!("no line with {containing:?} in\n{screen}"))
}

#[test]
fn starts_on_the_overview_and_q_exits_0_and_restores_the_terminal() {
    let home = Home::new();
    let mut t = Pty::start(&home);
    t.wait_for("1 Översikt", START);
    t.wait_for("q Avsluta", STEP);
    t.with_screen(|s| {
        assert!(
            s.alternate_screen(),
            "drawn on the main screen\n{}",
            t.dump()
        )
    });
    let raw_mode = t.local_flags();
    assert!(
        !raw_mode.iter().any(|f| f == "ICANON" || f == "ECHO"),
        "not in raw mode while running: {raw_mode:?}"
    );

    t.send(b"q");
    let status = t.wait_exit(STEP);
    assert!(status.success(), "exit status {status:?}\n{}", t.dump());

    let raw = t.raw();
    let leave = rfind(&raw, LEAVE_ALT).unwrap_or_else(|| {
        panic!(
            "never left the alternate screen; the output ends with {:?}",
            String::from_utf8_lossy(&raw[raw.len().saturating_sub(200)..])
        )
    });
    let last_frame = rfind(&raw, "Översikt".as_bytes()).unwrap();
    assert!(
        last_frame < leave,
        "the alternate screen was left before the last draw"
    );
    let tail = &raw[leave..];
    assert!(
        find_from(tail, 0, SHOW_CURSOR).is_some(),
        "the cursor is not shown again after leaving: {:?}",
        String::from_utf8_lossy(tail)
    );
    assert_eq!(
        printable(tail).trim(),
        "",
        "text was written after leaving the alternate screen"
    );
    let cooked = t.local_flags();
    for flag in ["ICANON", "ECHO", "ISIG"] {
        assert!(
            cooked.iter().any(|f| f == flag),
            "raw mode left on: {flag} is not set again ({cooked:?})"
        );
    }
    t.with_screen(|s| {
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "the cursor stays hidden");
        assert!(!s.bracketed_paste(), "bracketed paste stays on");
        assert!(
            !s.contents().contains("Översikt"),
            "the TUI leaked onto the main screen:\n{}",
            s.contents()
        );
    });
}

#[test]
fn closing_the_terminal_ends_the_program_within_a_second() {
    // A closed window or a dropped SSH connection hangs the terminal up; the program must not
    // keep running (it used to spin at full CPU with the database open).
    for round in 0..3 {
        let home = Home::new();
        let ended = pty::hang_up(&home, "Avsluta", Duration::from_secs(1));
        let (took, status) =
            ended.unwrap_or_else(|| panic!("round {round}: still running 1 s after the hang-up"));
        assert!(status.success(), "round {round}: exit status {status:?}");
        assert!(
            took < Duration::from_secs(1),
            "round {round}: took {took:?}"
        );
    }
}

#[test]
fn a_procurement_made_in_the_form_is_linked_published_and_listed() {
    let home = Home::new();
    let mut t = Pty::start(&home);
    t.wait_for("1 Översikt", START);

    t.send(b"3");
    t.wait_for("Upphandlingar (0)", STEP);
    t.send(b"n");
    t.wait_for("Ny upphandling", STEP);
    t.type_text("KS 2026/300");
    t.wait_for("KS 2026/300", STEP);
    t.send(key::TAB);
    t.type_text("Ny e-tjänst för bygglov");
    t.wait_for("Ny e-tjänst för bygglov", STEP);
    // Ansvarig, Förfarande, Sista anbudsdag, Summa vikter, Utvärdering, then
    // Konfidentialitet: two steps up to 2.
    for _ in 0..6 {
        t.send(key::TAB);
    }
    t.send(key::RIGHT);
    t.send(key::RIGHT);
    t.wait_for("◂ 2 betydande ▸", STEP);
    t.send(key::ENTER);
    t.wait_for("KS 2026/300 · Ny e-tjänst för bygglov", STEP);
    t.wait_for("Status: utkast", STEP);
    t.wait_for("K2 R0 T0", STEP);

    t.send(b"l");
    t.wait_for("┌ Länka kravpaket", STEP);
    t.send(key::ENTER);
    t.wait_for("krav lades till", STEP);
    t.wait_gone("Krav (0 ingår)", STEP);

    t.send(b"s");
    t.wait_for("┌ Ny status", STEP);
    // Typing filters the picker, so Enter takes "publicerad" whatever the order.
    t.type_text("publicerad");
    t.wait_gone("avbruten", STEP);
    t.send(key::ENTER);
    t.wait_for("Publicera?", STEP);
    // No owner was given: the check list says so before the question.
    t.wait_for("ingen ansvarig", STEP);
    t.send(b"j");
    t.wait_for("Status: publicerad", STEP);

    t.send(b"q");
    let status = t.wait_exit(STEP);
    assert!(status.success(), "exit status {status:?}");

    let list = home.procurements();
    assert_eq!(list.len(), 1, "{list:#?}");
    let p = &list[0];
    assert_eq!(p["reference"], "KS 2026/300", "{p:#}");
    assert_eq!(p["title"], "Ny e-tjänst för bygglov", "{p:#}");
    assert_eq!(p["status"], "published", "{p:#}");
    assert!(p["lines"].as_u64().unwrap() > 0, "no lines: {p:#}");
}

#[test]
fn an_impossible_date_is_refused_beside_the_field_and_esc_saves_nothing() {
    let home = Home::new();
    let mut t = Pty::start(&home);
    t.wait_for("1 Översikt", START);
    t.send(b"3");
    t.wait_for("Upphandlingar (0)", STEP);
    t.send(b"n");
    t.wait_for("Ny upphandling", STEP);
    t.type_text("KS 2026/301");
    t.send(key::TAB);
    t.type_text("Datumtest");
    // Ansvarig, Förfarande, Sista anbudsdag.
    for _ in 0..3 {
        t.send(key::TAB);
    }
    t.type_text("2027-13-01");
    t.wait_for("2027-13-01", STEP);
    t.send(key::ENTER);
    t.wait_for("finns inte i kalendern", STEP);

    let screen = t.screen();
    let (field_row, field) = screen_line(&screen, "Sista anbudsdag");
    assert!(
        field.contains("2027-13-01"),
        "the typed date is gone from the field:\n{screen}"
    );
    let (error_row, _) = screen_line(&screen, "finns inte i kalendern");
    assert!(
        error_row == field_row || error_row == field_row + 1,
        "the reason is not beside the field (row {error_row}, field on {field_row}):\n{screen}"
    );
    assert!(
        screen.contains("Ny upphandling"),
        "the form closed:\n{screen}"
    );

    // What was typed is not thrown away without a question.
    t.esc();
    t.wait_for("Kasta dem?", STEP);
    t.send(b"j");
    t.wait_gone("Ny upphandling", STEP);
    t.wait_for("Upphandlingar (0)", STEP);
    t.send(b"q");
    assert!(t.wait_exit(STEP).success());
    assert_eq!(home.procurements(), Vec::<serde_json::Value>::new());
}

#[test]
fn a_tiny_terminal_gets_a_notice_until_it_grows() {
    let home = Home::new();
    let mut t = Pty::spawn(
        &home,
        &Spawn {
            cols: 40,
            rows: 10,
            ..Spawn::default()
        },
    );
    t.wait_for("40×10", START);
    t.wait_for("80×24", STEP);
    assert!(!t.screen().contains("Översikt"), "{}", t.dump());
    // crossterm installs its SIGWINCH handler at the first wait for input, just after the
    // first draw; a resize before that would be lost, so let the program reach it.
    std::thread::sleep(Duration::from_millis(200));

    t.resize(100, 30);
    // "5 Uppföljningar" fits only on a tab bar wider than 80 columns.
    t.wait_for("5 Uppföljningar", STEP);
    t.wait_for("1 Översikt", STEP);
    t.wait_gone("80×24", STEP);
    t.send(b"q");
    assert!(t.wait_exit(STEP).success());
}

#[test]
fn no_color_draws_the_library_without_colour_codes() {
    let home = Home::new();
    let run = |env: &[(&str, &str)]| {
        let mut t = Pty::spawn(
            &home,
            &Spawn {
                env,
                ..Spawn::default()
            },
        );
        t.wait_for("1 Översikt", START);
        t.send(b"2");
        t.wait_for("LOU-01", STEP);
        t.wait_for("Kravpaket (", STEP);
        t.send(b"q");
        assert!(t.wait_exit(STEP).success());
        t.raw()
    };
    // The same screens with colour first: proves the detector finds colours when there are
    // some (and creates the database, so the second start is quicker).
    let coloured = colour_sgrs(&run(&[]));
    assert!(
        !coloured.is_empty(),
        "no colour codes found even without NO_COLOR"
    );

    let mono = run(&[("NO_COLOR", "1")]);
    let found = colour_sgrs(&mono);
    assert!(
        found.is_empty(),
        "{} colour codes under NO_COLOR, the first: {:?}",
        found.len(),
        &found[..found.len().min(8)]
    );
    // Meaning is still carried by attributes: the active tab is reversed.
    assert!(
        mono.windows(4).any(|w| w == b"\x1b[7m"),
        "no reverse video under NO_COLOR"
    );
}

#[test]
fn the_colour_detector_reads_parameters_not_prefixes() {
    assert!(colour_sgrs(b"\x1b[1m\x1b[4m\x1b[7m\x1b[9m\x1b[22m\x1b[0m").is_empty());
    assert!(colour_sgrs(b"\x1b[39m\x1b[49m\x1b[59m\x1b[m\x1b[4;1m").is_empty());
    assert!(colour_sgrs(b"\x1b[38;5;1m\x1b[1m").len() == 1);
    assert_eq!(colour_sgrs(b"\x1b[1;44m"), vec!["ESC[1;44m"]);
    assert_eq!(colour_sgrs(b"\x1b[38;5;4m"), vec!["ESC[38;5;4m"]);
    // 38;2;r;g;b with a blue of 4 is one colour, not an underline.
    assert_eq!(colour_sgrs(b"\x1b[38;2;1;2;4m").len(), 1);
    // Cursor moves are not SGR.
    assert!(colour_sgrs(b"\x1b[31;1H\x1b[4A").is_empty());
}

#[test]
fn a_save_that_waits_for_another_users_lock_says_so_and_the_screen_comes_back() {
    let home = Home::new();
    home.cli(&["demo"]);
    let mut t = Pty::start(&home);
    t.wait_for("1 Översikt", START);
    // The case-management draft (the dashboard's first row), its first line.
    t.send(key::ENTER);
    // At 80×24 the header of a case with eight sets is folded to one row.
    t.wait_for("KS 2026/118 · utkast ·", STEP);
    // Another user's save holds the database's write lock for a while.
    #[allow(clippy::disallowed_methods)] // the other user is another program, not kravkoll
    let other = rusqlite::Connection::open(home.db()).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    // LOU-01 rests on a law: leaving it out asks why (the reason may stay empty).
    t.send(b" ");
    t.wait_for("Utelämna LOU-01", STEP);
    t.send(key::ENTER);
    t.wait_for("Väntar på en annan användare som sparar", STEP);
    std::thread::sleep(Duration::from_millis(700));
    other.execute_batch("COMMIT").unwrap();
    t.wait_for("LOU-01 är utelämnat", STEP);
    t.wait_gone("Väntar på en annan användare", STEP);
    t.wait_for("Space Ta med / utelämna krav", STEP);
}

/// An own set as a file: its version and the text of its one requirement.
fn own_set_file(home: &Home, version: &str, text: &str) -> String {
    let path = home.path().join(format!("egna-villkor-{version}.toml"));
    let body = format!(
        "format = 1\nid = \"egna-villkor\"\nversion = \"{version}\"\n\
         title = {{ sv = \"Egna villkor\" }}\n\n[[requirement]]\nid = \"EGV-1\"\n\
         kind = \"mandatory\"\ntitle = {{ sv = \"Svarstid\" }}\ntext = {{ sv = \"{text}\" }}\n"
    );
    std::fs::write(&path, body).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn a_newer_version_imported_by_another_process_is_shown_and_v_does_not_say_up_to_date() {
    let home = Home::new();
    let v1 = own_set_file(&home, "1", "Leverantören ska svara inom en arbetsdag.");
    home.cli(&["sets", "import", &v1]);
    let mut t = Pty::start(&home);
    t.wait_for("1 Översikt", START);
    t.send(b"3n");
    t.wait_for("Ny upphandling", STEP);
    t.type_text("KS 2026/400");
    t.send(key::TAB);
    t.type_text("Supporttjänst");
    t.send(key::ENTER);
    t.wait_for("KS 2026/400 · Supporttjänst", STEP);
    t.send(b"l");
    t.wait_for("Länka kravpaket", STEP);
    t.type_text("egna");
    t.send(key::ENTER);
    t.wait_for("egna-villkor: 1 krav lades till", STEP);
    // Another program on the same database file imports version 2 while this one is open.
    let v2 = own_set_file(&home, "2", "Leverantören ska svara inom fyra timmar.");
    home.cli(&["sets", "import", &v2]);
    // Without a key: the open procurement is read again and says a newer version exists.
    t.wait_for("egna-villkor 1 (→ 2)", STEP);
    t.send(b"v");
    t.wait_for("Skillnader mot nyare kravversioner", STEP);
    assert!(
        !t.screen().contains("är aktuella"),
        "v said up to date:\n{}",
        t.screen()
    );
    t.wait_for("fyra", STEP);
}

/// Waits until `path` exists, failing with the screen after `timeout` (scaled).
fn wait_for_file(t: &Pty, path: &std::path::Path, timeout: Duration) {
    let deadline = std::time::Instant::now() + pty::scaled(timeout);
    while !path.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "{} was not written\n{}",
            path.display(),
            t.dump()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn x_exports_the_open_procurement_in_the_background_and_the_keys_stay_live() {
    let home = Home::new();
    home.cli(&["demo"]);
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("ks118.csv");
    let mut t = Pty::start(&home);
    t.wait_for("1 Översikt", START);
    t.send(key::ENTER);
    t.wait_for("KS 2026/118 · utkast ·", STEP);
    t.send(b"x");
    t.wait_for("Exportera kravspecifikation KS 2026/118", STEP);
    // c takes CSV; the proposed name follows it.
    t.send(b"c");
    t.wait_for("KS-2026-118-kravspecifikation.csv", STEP);
    t.send(key::TAB);
    t.send(key::TAB);
    t.send(b"\x15");
    t.type_text(out.to_str().unwrap());
    t.send(key::ENTER);
    wait_for_file(&t, &out, STEP);
    t.wait_for("Sparad:", STEP);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("LOU-01"), "{text}");
    // Still answering: the next line is selected and shown below the list.
    t.send(b"j");
    t.wait_for("LOU-02 Betalda skatter", STEP);
    // The proposed name alone lands where the program was started.
    t.send(b"x");
    t.wait_for("Exportera kravspecifikation", STEP);
    t.send(b"c");
    t.send(key::ENTER);
    wait_for_file(
        &t,
        &home.path().join("KS-2026-118-kravspecifikation.csv"),
        STEP,
    );
    t.wait_for("Sparad:", STEP);
    t.send(b"q");
    let status = t.wait_exit(STEP);
    assert!(status.success(), "exit status {status:?}\n{}", t.dump());
}
