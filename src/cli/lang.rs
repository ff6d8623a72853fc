//! Which language the program speaks: `--lang`, then the language saved in the settings file
//! (chosen with `L` in the interactive program), then `LANG`/`LC_*`, then Swedish.
//!
//! The language is needed before clap parses the arguments, because `--help` and usage
//! errors are written in it; so `--lang` is first looked for in the raw arguments.

use std::ffi::OsString;
use std::io::Write;

use crate::domain::Lang;
use crate::i18n::{self, CliText};
use crate::settings;

use super::Env;

/// The value of the first `--lang X` or `--lang=X` before a `--`, if it is a language. A value
/// clap will refuse is ignored here; clap reports it (in the language chosen without it).
pub(super) fn flag(args: &[OsString]) -> Option<Lang> {
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        let value = match arg.to_str() {
            Some("--") => return None,
            Some("--lang") => rest.next().and_then(|v| v.to_str()),
            Some(a) => a.strip_prefix("--lang="),
            None => None,
        };
        if let Some(v) = value {
            return Lang::ALL.into_iter().find(|l| l.code() == v);
        }
    }
    None
}

/// The saved language, if the settings file names one. A file that cannot be read is said
/// on `err` (in the language chosen without it) and otherwise ignored.
pub(super) fn saved(env: &Env, flag: Option<Lang>, err: &mut dyn Write) -> Option<Lang> {
    let path = env.settings.as_deref()?;
    match settings::load(path) {
        Ok(s) => s.lang,
        Err(e) => {
            let lang = choose(flag, None, env);
            let text = CliText::SettingsIgnored
                .text(lang)
                .replace("{reason}", &i18n::settings_error(&e, lang));
            let _ = writeln!(err, "kravkoll: {text}");
            None
        }
    }
}

/// The language by precedence: the flag, the saved setting, the environment, Swedish.
pub(super) fn choose(flag: Option<Lang>, saved: Option<Lang>, env: &Env) -> Lang {
    flag.or(saved)
        .unwrap_or_else(|| i18n::pick_lang(None, env.lang.as_deref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_flag_is_found_before_parsing() {
        assert_eq!(flag(&args(&["kravkoll", "--lang", "en"])), Some(Lang::En));
        assert_eq!(
            flag(&args(&["kravkoll", "sets", "list", "--lang=sv"])),
            Some(Lang::Sv)
        );
        assert_eq!(flag(&args(&["kravkoll", "--lang", "de"])), None);
        assert_eq!(flag(&args(&["kravkoll", "--lang"])), None);
        assert_eq!(
            flag(&args(&["kravkoll", "sets", "import", "--", "--lang=en"])),
            None
        );
        assert_eq!(flag(&args(&["kravkoll", "--language", "en"])), None);
    }

    #[test]
    fn flag_beats_setting_beats_environment() {
        let env = Env {
            lang: Some("en_GB.UTF-8".into()),
            ..Env::default()
        };
        assert_eq!(choose(Some(Lang::Sv), Some(Lang::En), &env), Lang::Sv);
        assert_eq!(choose(None, Some(Lang::Sv), &env), Lang::Sv);
        assert_eq!(choose(None, None, &env), Lang::En);
        assert_eq!(choose(None, None, &Env::default()), Lang::Sv);
    }

    #[test]
    fn a_broken_settings_file_is_said_and_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, "lang = \"fi\"\n").unwrap();
        let env = Env {
            settings: Some(path),
            lang: Some("en_US.UTF-8".into()),
            ..Env::default()
        };
        let mut err = Vec::new();
        assert_eq!(saved(&env, None, &mut err), None);
        let err = String::from_utf8(err).unwrap();
        assert!(
            err.contains("settings.toml:1: the settings file cannot be read: lang must be \"sv\" or \"en\", not \"fi\"; the file's settings are not used"),
            "{err}"
        );
    }
}
