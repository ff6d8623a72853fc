//! Usage errors (exit 2) in the user's language. clap words its errors in English only, but
//! it keeps what went wrong as context (the argument, the value, the valid values, a similar
//! name, the usage line); the message is put together from that here, in the layout clap
//! uses. An error without the context needed falls back to clap's own English text.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::domain::Lang;
use crate::i18n::CliText;

/// The text for a usage error, or for the help or version that was asked for.
pub(super) fn render(e: &clap::Error, lang: Lang) -> String {
    let Some(message) = message(e, lang) else {
        return e.render().to_string();
    };
    let mut text = format!("{}: {message}", CliText::UsageError.text(lang));
    let tips = tips(e, lang);
    for (i, tip) in tips.iter().enumerate() {
        text.push_str(if i == 0 { "\n\n  " } else { "\n  " });
        text.push_str(&format!("{}: {tip}", CliText::UsageTip.text(lang)));
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let line = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        text.push_str(&format!("\n\n{}: {line}", CliText::HelpUsage.text(lang)));
    }
    let more = CliText::UsageTryHelp.text(lang).replace("{flag}", "--help");
    format!("{text}\n\n{more}\n")
}

/// A context value that is one string.
fn string(e: &clap::Error, kind: ContextKind) -> Option<&str> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// A value as clap shows it in a list: quoted when it is empty or has a space.
fn shown(value: &str) -> String {
    if value.is_empty() || value.contains(char::is_whitespace) {
        format!("{value:?}")
    } else {
        value.to_string()
    }
}

/// `\n  [possible values: a, b]`, or nothing when there are none.
fn values_list(e: &clap::Error, kind: ContextKind, name: CliText, lang: Lang) -> String {
    let values = strings(e, kind);
    if values.is_empty() {
        return String::new();
    }
    let list: Vec<String> = values.iter().map(|v| shown(v)).collect();
    format!("\n  [{}: {}]", name.text(lang), list.join(", "))
}

/// The first line (and the lists under it) of the error, or `None` to leave it to clap.
fn message(e: &clap::Error, lang: Lang) -> Option<String> {
    let arg = string(e, ContextKind::InvalidArg);
    let value = string(e, ContextKind::InvalidValue);
    let fill = |t: CliText| {
        t.text(lang)
            .replace("{arg}", arg.unwrap_or_default())
            .replace("{value}", value.unwrap_or_default())
    };
    Some(match e.kind() {
        ErrorKind::InvalidValue => {
            arg?;
            let first = match value? {
                "" => fill(CliText::UsageValueMissing),
                _ => fill(CliText::UsageInvalidValue),
            };
            let list = values_list(
                e,
                ContextKind::ValidValue,
                CliText::UsagePossibleValues,
                lang,
            );
            format!("{first}{list}")
        }
        ErrorKind::ValueValidation => {
            let (_, _) = (arg?, value?);
            match std::error::Error::source(e) {
                Some(why) => format!("{}: {why}", fill(CliText::UsageInvalidValue)),
                None => fill(CliText::UsageInvalidValue),
            }
        }
        ErrorKind::UnknownArgument => {
            arg?;
            fill(CliText::UsageUnknownArgument)
        }
        ErrorKind::InvalidSubcommand => {
            let command = string(e, ContextKind::InvalidSubcommand)?;
            CliText::UsageUnknownCommand
                .text(lang)
                .replace("{command}", command)
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = strings(e, ContextKind::InvalidArg);
            if missing.is_empty() {
                return None;
            }
            let lines: String = missing.iter().map(|m| format!("\n  {m}")).collect();
            format!("{}{lines}", CliText::UsageMissingArguments.text(lang))
        }
        ErrorKind::MissingSubcommand => {
            let command = string(e, ContextKind::InvalidSubcommand)?;
            let first = CliText::UsageMissingCommand
                .text(lang)
                .replace("{command}", command);
            let list = values_list(
                e,
                ContextKind::ValidSubcommand,
                CliText::UsageCommands,
                lang,
            );
            format!("{first}{list}")
        }
        ErrorKind::ArgumentConflict => conflict(e, lang)?,
        ErrorKind::NoEquals => {
            arg?;
            fill(CliText::UsageNoEquals)
        }
        ErrorKind::TooManyValues => {
            let (_, _) = (arg?, value?);
            fill(CliText::UsageTooManyValues)
        }
        ErrorKind::InvalidUtf8 => CliText::UsageNotUtf8.text(lang).to_string(),
        _ => return None,
    })
}

/// "the argument 'X' cannot be used with 'Y'", or used twice.
fn conflict(e: &clap::Error, lang: Lang) -> Option<String> {
    let arg = string(e, ContextKind::InvalidArg)?;
    let prior = e.get(ContextKind::PriorArg);
    if let Some(ContextValue::String(p)) = prior
        && p == arg
    {
        return Some(CliText::UsageRepeated.text(lang).replace("{arg}", arg));
    }
    let first = CliText::UsageConflict.text(lang).replace("{arg}", arg);
    Some(match prior {
        Some(ContextValue::Strings(others)) => {
            let lines: String = others.iter().map(|o| format!("\n  {o}")).collect();
            format!("{first}:{lines}")
        }
        Some(ContextValue::String(other)) => format!("{first} '{other}'"),
        _ => format!("{first} {}", CliText::UsageConflictOthers.text(lang)),
    })
}

/// The tips under the message: a similar name, and clap's own advice, in `lang`.
fn tips(e: &clap::Error, lang: Lang) -> Vec<String> {
    let quoted = |names: &[String]| {
        names
            .iter()
            .map(|n| format!("'{n}'"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut tips = Vec::new();
    let commands = strings(e, ContextKind::SuggestedSubcommand);
    if !commands.is_empty() {
        let text = if commands.len() == 1 {
            CliText::UsageSimilarCommand
        } else {
            CliText::UsageSimilarCommands
        };
        tips.push(text.text(lang).replace("{names}", &quoted(&commands)));
    }
    for (kind, text) in [
        (ContextKind::SuggestedArg, CliText::UsageSimilarArgument),
        (ContextKind::SuggestedValue, CliText::UsageSimilarValue),
    ] {
        let names = strings(e, kind);
        if !names.is_empty() {
            tips.push(text.text(lang).replace("{names}", &quoted(&names)));
        }
    }
    if let Some(ContextValue::StyledStrs(advice)) = e.get(ContextKind::Suggested) {
        tips.extend(advice.iter().map(|a| advice_in(&a.to_string(), lang)));
    }
    tips
}

/// clap's advice, which it writes in English only, for the three kinds it gives.
fn advice_in(advice: &str, lang: Lang) -> String {
    let quoted: Vec<&str> = advice.split('\'').skip(1).step_by(2).collect();
    match quoted.as_slice() {
        [arg, fix] if advice.starts_with("to pass ") => CliText::UsageAsValue
            .text(lang)
            .replace("{arg}", arg)
            .replace("{fix}", fix),
        [command, _] if advice.starts_with("subcommand ") => CliText::UsageNoDoubleDash
            .text(lang)
            .replace("{command}", command),
        [name] if advice.ends_with("' exists") => {
            CliText::UsageExists.text(lang).replace("{name}", name)
        }
        _ => advice.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(args: &[&str], lang: Lang) -> clap::Error {
        let mut all = vec!["kravkoll"];
        all.extend(args);
        match super::super::help::command(lang).try_get_matches_from(all) {
            Err(e) => e,
            Ok(_) => panic!("{args:?} parsed"),
        }
    }

    /// Mistakes a user makes, one for each kind of error the command line can give.
    const MISTAKES: &[&[&str]] = &[
        &["--lang", "de"],
        &["--lang", "e"],
        &["--lang"],
        &["sets", "lst"],
        &["sets", "frobnicate"],
        &["sets", "--", "list"],
        &["--frobnicate"],
        &["--forse", "sets", "list"],
        &["sets", "export", "--out", "x.toml"],
        &["sets", "list", "--format", "xml"],
        &["--lang", "sv", "--lang", "en"],
        &["sets", "list", "extra"],
        &["sets", "show", "x", "y"],
        &["--log", "debug", "sets", "list"],
        &["demo", "--scale", "huge"],
        &["sets", "list", "--", "--db"],
    ];

    #[test]
    fn in_english_the_errors_read_as_clap_writes_them() {
        // The layout and the English words are clap's: what is put together here from the
        // context is what clap would print, so the Swedish differs only in its words.
        for args in MISTAKES {
            let e = error(args, Lang::En);
            assert_eq!(render(&e, Lang::En), e.render().to_string(), "{args:?}");
        }
    }

    #[test]
    fn in_swedish_no_english_word_of_clap_is_left() {
        for args in MISTAKES {
            let e = error(args, Lang::Sv);
            let text = render(&e, Lang::Sv);
            for english in [
                "error:",
                "Usage",
                "tip:",
                "For more",
                "possible values",
                "[OPTIONS]",
                "unexpected",
                "invalid",
                "required",
                "exists",
            ] {
                assert!(!text.contains(english), "{args:?}: {english}\n{text}");
            }
            assert!(text.starts_with("fel: "), "{args:?}: {text}");
            assert!(text.ends_with("Mer hjälp får du med '--help'.\n"), "{text}");
        }
        let text = render(&error(&["--lang", "de"], Lang::Sv), Lang::Sv);
        assert_eq!(
            text,
            "fel: ogiltigt värde 'de' för '--lang <SPRÅK>'\n  [möjliga värden: sv, en]\n\nMer hjälp får du med '--help'.\n"
        );
        let text = render(&error(&["sets", "lst"], Lang::Sv), Lang::Sv);
        assert!(text.starts_with("fel: okänt kommando 'lst'\n\n  tips: det finns ett liknande kommando: 'list'\n\nAnvändning: kravkoll sets [FLAGGOR] <KOMMANDO>\n"), "{text}");
    }
}
