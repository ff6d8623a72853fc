//! clap's command in the user's language, for `--help` and for usage errors.
//!
//! The grammar is derived in `args`; the words come from `i18n::help`. The command is built
//! first (which adds clap's own `--help`, `--version` and `help` command and copies the global
//! flags into every command), then every command and argument is given its text. In Swedish
//! the headings, the `[OPTIONS]` tag, the value placeholders and the notes clap would add in
//! English (`[default: …]`, `[possible values: …]`, `[env: …]`) are replaced too.

use clap::builder::Str;
use clap::{Arg, Command, CommandFactory};

use super::args::Cli;
use crate::domain::Lang;
use crate::i18n::{self, CliText};

/// The whole command line, ready to parse, with its help in `lang`.
pub(super) fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command().long_about(i18n::program_long_help(lang));
    cmd.build();
    localize(cmd, &[], lang)
}

fn localize(cmd: Command, path: &[String], lang: Lang) -> Command {
    let names: Vec<&str> = path.iter().map(String::as_str).collect();
    let mut cmd = match i18n::command_help(&names, lang) {
        Some(text) => cmd.about(text),
        None => cmd,
    };
    cmd = cmd.mut_args(|a| localize_arg(a, &names, lang));
    cmd = cmd.mut_subcommands(|sub| {
        let mut inner = path.to_vec();
        inner.push(sub.get_name().to_string());
        localize(sub, &inner, lang)
    });
    if lang == Lang::En {
        return cmd;
    }
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        CliText::HelpUsage.text(lang)
    );
    cmd = cmd
        .help_template(template)
        .subcommand_help_heading(CliText::HelpCommands.text(lang))
        .subcommand_value_name(i18n::value_name_sv("COMMAND").unwrap_or("COMMAND"));
    // clap's usage line says "[OPTIONS]" whatever the language; this one says it in Swedish.
    let usage = cmd.render_usage().to_string();
    let usage = usage
        .strip_prefix("Usage: ")
        .unwrap_or(&usage)
        .replace("[OPTIONS]", CliText::HelpOptionsTag.text(lang));
    cmd.override_usage(usage)
}

fn localize_arg(arg: Arg, path: &[&str], lang: Lang) -> Arg {
    let id = arg.get_id().as_str().to_string();
    let mut arg = match i18n::arg_help(path, &id, lang) {
        Some(text) => arg.help(text),
        None => arg,
    };
    if id == "help" && arg.get_long_help().is_some() {
        arg = arg
            .help(i18n::help_flag_pointing(true, lang))
            .long_help(i18n::help_flag_pointing(false, lang));
    }
    if lang == Lang::En {
        return arg;
    }
    let heading = if arg.is_positional() {
        CliText::HelpArguments
    } else {
        CliText::HelpOptions
    };
    arg = arg.help_heading(heading.text(lang));
    // Under a heading of its own clap lists arguments by display order, not by position.
    if let Some(i) = arg.get_index() {
        arg = arg.display_order(i);
    }
    if let Some(names) = arg.get_value_names() {
        let swedish: Vec<Str> = names
            .iter()
            .map(|n| i18n::value_name_sv(n.as_str()).map_or_else(|| n.clone(), Str::from))
            .collect();
        arg = arg.value_names(swedish);
    }
    let notes = notes_sv(&arg, lang);
    if notes.is_empty() {
        return arg;
    }
    let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
    arg.help(format!("{help} {notes}").trim().to_string())
        .hide_default_value(true)
        .hide_possible_values(true)
        .hide_env(true)
}

/// What clap would add after the text in English, in Swedish: `[standard: table]`,
/// `[möjliga värden: table, json]`, `[miljövariabel: KRAVKOLL_DB]`.
fn notes_sv(arg: &Arg, lang: Lang) -> String {
    let mut notes = Vec::new();
    if let Some(name) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
        let name = name.to_string_lossy();
        notes.push(CliText::HelpEnv.text(lang).replace("{name}", &name));
    }
    let takes_values = arg.get_action().takes_values();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        let value = defaults.join(", ");
        notes.push(CliText::HelpDefault.text(lang).replace("{value}", &value));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_values && !values.is_empty() && !arg.is_hide_possible_values_set() {
        let values = values.join(", ");
        notes.push(CliText::HelpValues.text(lang).replace("{values}", &values));
    }
    notes
        .iter()
        .map(|n| format!("[{n}]"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command with its path, the program first.
    fn walk(cmd: &Command, path: Vec<String>, out: &mut Vec<(Vec<String>, Command)>) {
        out.push((path.clone(), cmd.clone()));
        for sub in cmd.get_subcommands() {
            let mut inner = path.clone();
            inner.push(sub.get_name().to_string());
            walk(sub, inner, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_a_text_in_both_languages() {
        let mut cmd = Cli::command();
        cmd.build();
        let mut all = Vec::new();
        walk(&cmd, Vec::new(), &mut all);
        assert!(all.len() > 10, "{}", all.len());
        for (path, cmd) in &all {
            let names: Vec<&str> = path.iter().map(String::as_str).collect();
            for lang in Lang::ALL {
                assert!(i18n::command_help(&names, lang).is_some(), "{path:?}");
                for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                    let id = arg.get_id().as_str();
                    assert!(i18n::arg_help(&names, id, lang).is_some(), "{path:?} {id}");
                }
            }
        }
    }

    #[test]
    fn swedish_help_has_swedish_headings_and_notes() {
        let help = command(Lang::Sv)
            .find_subcommand_mut("sets")
            .and_then(|s| s.find_subcommand_mut("list"))
            .map(|c| c.render_help().to_string())
            .unwrap_or_default();
        assert!(help.starts_with("Lista bibliotekets kravpaket\n\nAnvändning: kravkoll sets list [FLAGGOR]\n\nFlaggor:\n"), "{help}");
        assert!(
            help.contains("[standard: table] [möjliga värden: table, json]"),
            "{help}"
        );
        assert!(help.contains("--db <SÖKVÄG>"), "{help}");
        assert!(help.contains("[miljövariabel: KRAVKOLL_DB]"), "{help}");
        for english in [
            "Usage",
            "Options",
            "default:",
            "possible values",
            "env:",
            "Print",
        ] {
            assert!(!help.contains(english), "{english}: {help}");
        }
    }
}
